namespace WasmSharp.Singlepass;

/// <summary>
/// Creates labels, binds them to code offsets and patches forward references on bind, through the ISA's
/// <see cref="IFixupPatcher"/>. Storage is a few arrays reused across functions (<see cref="Reset"/>), so creating
/// labels and branching to them does not allocate once the arrays have grown to the working size.
/// <para>
/// Reach: a field that cannot hold its displacement is an error on bind, never a silent wrap. A target whose short
/// forward branches may be bound out of reach (AArch64: <c>b.cond</c> ±1 MiB, <c>tbz</c> ±32 KiB) keeps them in
/// reach with veneers: at a point where it can place an island (after an unconditional branch, or behind a jump over
/// it) it asks <see cref="VeneersDue"/> and, if so, calls <see cref="EmitVeneers"/>, which sends each pending
/// reference that would fall out of reach to a long branch written right there. Backward branches know their
/// distance when emitted: the assembler picks a form that reaches (or an inverted branch over a long one).
/// </para>
/// </summary>
internal sealed class LabelTable
{
    private const int Unbound = -1;
    private const int None = -1;

    private readonly IFixupPatcher _patcher;

    // Indexed by Label.Id - 1.
    private int[] _offsets = new int[64];
    private int[] _firstFixup = new int[64];
    private int _labelCount;

    private Fixup[] _fixups = new Fixup[64];
    private int _fixupCount;
    private int _pendingCount;
    /// <summary>No pending reference has a deadline before this (it may be early: a bound label's fix-ups are not
    /// subtracted; <see cref="EmitVeneers"/> recomputes it).</summary>
    private int _earliestDeadline = int.MaxValue;

    public LabelTable(IFixupPatcher patcher) => _patcher = patcher;

    public int LabelCount => _labelCount;

    /// <summary>Number of references to labels that are still unbound.</summary>
    public int PendingFixupCount => _pendingCount;

    /// <summary>Invalidates all labels; keeps the storage.</summary>
    public void Reset()
    {
        _labelCount = 0;
        _fixupCount = 0;
        _pendingCount = 0;
        _earliestDeadline = int.MaxValue;
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

    /// <summary>Whether code branches to <paramref name="label"/> (bound, or with references waiting for it).</summary>
    public bool IsReferenced(Label label) => _offsets[Index(label)] != Unbound || _firstFixup[Index(label)] != None;

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
            Patch(buffer, fixup.Kind, fixup.PatchOffset, fixup.BaseOffset, offset);
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
            Patch(buffer, kind, patchOffset, baseOffset, target);
            return;
        }
        Add(i, patchOffset, baseOffset, kind);
        _pendingCount++;
    }

    private void Add(int label, int patchOffset, int baseOffset, FixupKind kind)
    {
        if (_fixupCount == _fixups.Length)
            Array.Resize(ref _fixups, _fixupCount * 2);
        int deadline = (int)Math.Min(int.MaxValue, (long)baseOffset + _patcher.MaxForward(kind));
        _fixups[_fixupCount] = new Fixup { PatchOffset = patchOffset, BaseOffset = baseOffset, Deadline = deadline, Kind = kind, Next = _firstFixup[label] };
        _firstFixup[label] = _fixupCount++;
        _earliestDeadline = Math.Min(_earliestDeadline, deadline);
    }

    /// <summary>Whether some pending reference could fall out of reach if its label were bound after
    /// <paramref name="position"/> + <paramref name="margin"/> (the code the caller will emit before its next check,
    /// plus room for the veneers themselves).</summary>
    public bool VeneersDue(int position, int margin) => (long)position + margin > _earliestDeadline;

    /// <summary>
    /// Writes, at the buffer's end, one veneer per label that has pending references with a deadline before
    /// <c>position + margin</c>: those references now point at the veneer, and the veneer's long branch takes their
    /// place in the label's list. The caller makes sure execution does not fall into the veneers. Returns how many
    /// it wrote. Work is linear in the pending references; it runs only when a deadline nears.
    /// </summary>
    public int EmitVeneers(CodeBuffer buffer, int margin)
    {
        int written = 0;
        long horizon = (long)buffer.Position + margin;
        int earliest = int.MaxValue;
        for (int i = 0; i < _labelCount; i++)
        {
            if (_firstFixup[i] == None) continue;
            if (HasDeadlineBefore(i, horizon))
            {
                RouteThroughVeneer(i, buffer, horizon);
                written++;
            }
            for (int f = _firstFixup[i]; f != None; f = _fixups[f].Next) earliest = Math.Min(earliest, _fixups[f].Deadline);
        }
        _earliestDeadline = earliest;
        return written;
    }

    private bool HasDeadlineBefore(int label, long horizon)
    {
        for (int f = _firstFixup[label]; f != None; f = _fixups[f].Next)
            if (_fixups[f].Deadline < horizon) return true;
        return false;
    }

    /// <summary>Points the label's references due before <paramref name="horizon"/> at a new veneer, whose own
    /// reference joins the label's list in their place.</summary>
    private void RouteThroughVeneer(int label, CodeBuffer buffer, long horizon)
    {
        int veneer = buffer.Position;
        var field = _patcher.WriteVeneer(buffer);
        int kept = None;
        for (int f = _firstFixup[label]; f != None;)
        {
            int next = _fixups[f].Next;
            ref Fixup fixup = ref _fixups[f];
            if (fixup.Deadline < horizon)
            {
                Patch(buffer, fixup.Kind, fixup.PatchOffset, fixup.BaseOffset, veneer);
                _pendingCount--;
            }
            else
            {
                fixup.Next = kept;
                kept = f;
            }
            f = next;
        }
        _firstFixup[label] = kept;
        Add(label, field.PatchOffset, field.BaseOffset, field.Kind);
        _pendingCount++;
    }

    private void Patch(CodeBuffer buffer, FixupKind kind, int patchOffset, int baseOffset, int target)
    {
        if (!_patcher.TryPatch(buffer, kind, patchOffset, baseOffset, target))
            throw new InvalidOperationException($"{kind} branch at {patchOffset} cannot reach {target} (displacement {(long)target - baseOffset}): it needed a veneer or a long form");
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
