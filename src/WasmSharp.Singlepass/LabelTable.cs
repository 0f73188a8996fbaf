namespace WasmSharp.Singlepass;

/// <summary>
/// Creates labels, binds them to code offsets and patches forward references on bind.
/// Storage is a few arrays reused across functions (<see cref="Reset"/>), so creating labels
/// and branching to them does not allocate once the arrays have grown to the working size.
/// </summary>
public sealed class LabelTable
{
    private const int Unbound = -1;
    private const int None = -1;

    // Indexed by Label.Id - 1.
    private int[] _offsets = new int[64];
    private int[] _firstFixup = new int[64];
    private int _labelCount;

    private Fixup[] _fixups = new Fixup[64];
    private int _fixupCount;
    private int _pendingCount;

    public int LabelCount => _labelCount;

    /// <summary>Number of references to labels that are still unbound.</summary>
    public int PendingFixupCount => _pendingCount;

    /// <summary>Invalidates all labels; keeps the storage.</summary>
    public void Reset()
    {
        _labelCount = 0;
        _fixupCount = 0;
        _pendingCount = 0;
    }

    public Label Create()
    {
        if (_labelCount == _offsets.Length)
        {
            Array.Resize(ref _offsets, _labelCount * 2);
            Array.Resize(ref _firstFixup, _labelCount * 2);
        }
        _offsets[_labelCount] = Unbound;
        _firstFixup[_labelCount] = None;
        return new Label(++_labelCount);
    }

    public bool IsBound(Label label) => _offsets[Index(label)] != Unbound;

    /// <summary>The bound offset of <paramref name="label"/>, or -1 if it is not bound yet.</summary>
    public int OffsetOf(Label label) => _offsets[Index(label)];

    /// <summary>Binds <paramref name="label"/> to the buffer's current position and resolves its forward references.</summary>
    public void Bind(Label label, CodeBuffer buffer) => BindAt(label, buffer.Position, buffer);

    public void BindAt(Label label, int offset, CodeBuffer buffer)
    {
        int i = Index(label);
        if (_offsets[i] != Unbound)
            throw new InvalidOperationException($"{label} is already bound");
        _offsets[i] = offset;
        for (int f = _firstFixup[i]; f != None; f = _fixups[f].Next)
        {
            ref Fixup fixup = ref _fixups[f];
            Fixup.Apply(buffer, fixup.Kind, fixup.PatchOffset, fixup.BaseOffset, offset);
            _pendingCount--;
        }
        _firstFixup[i] = None;
    }

    /// <summary>
    /// Records that the field at <paramref name="patchOffset"/> must hold <c>label - baseOffset</c>.
    /// If the label is bound already the field is written now.
    /// </summary>
    public void Reference(Label label, CodeBuffer buffer, int patchOffset, int baseOffset, FixupKind kind)
    {
        int i = Index(label);
        int target = _offsets[i];
        if (target != Unbound)
        {
            Fixup.Apply(buffer, kind, patchOffset, baseOffset, target);
            return;
        }
        if (_fixupCount == _fixups.Length)
            Array.Resize(ref _fixups, _fixupCount * 2);
        _fixups[_fixupCount] = new Fixup { PatchOffset = patchOffset, BaseOffset = baseOffset, Kind = kind, Next = _firstFixup[i] };
        _firstFixup[i] = _fixupCount++;
        _pendingCount++;
    }

    /// <summary>Throws if some label was referenced but never bound: the code would jump into garbage.</summary>
    public void EnsureAllBound()
    {
        if (_pendingCount != 0)
            throw new InvalidOperationException($"{_pendingCount} reference(s) to unbound labels remain");
    }

    private int Index(Label label)
    {
        int i = label.Id - 1;
        if ((uint)i >= (uint)_labelCount)
            throw new ArgumentException($"{label} does not belong to this table (or the table was reset)", nameof(label));
        return i;
    }
}
