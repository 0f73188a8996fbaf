namespace WasmSharp.Singlepass.CodeGen;

/// <summary>
/// The trap paths of a function, and the call and trap sites of its <see cref="OffsetMap"/>. Each instruction that
/// may trap gets its own out-of-line site per trap kind it uses: a single call to the function's shared stub for that
/// kind, so the stub learns from the return address which instruction trapped (a site costs one call instruction,
/// and nothing on the path that does not trap). Sites nobody branches to (a memory access whose bounds the guard
/// pages check) are left out. One set serves every function a compiler compiles (<see cref="Reset"/>): compiling
/// allocates nothing here once the buffers have grown.
/// </summary>
internal sealed class TrapLabelSet(MacroAssembler masm, OffsetMapWriter map)
{
    /// <summary>The slot of the trap whose code is in the status register (a libcall's result): TrapKind 0 is no trap.</summary>
    private const int Status = 0;
    private const int Slots = 16;

    private readonly Label[] _labels = new Label[Slots];
    /// <summary>Bit per slot of <see cref="_labels"/> holding the current instruction's label: only those are cleared.</summary>
    private int _usedSlots;
    private readonly Label[] _stubs = new Label[Slots];
    private Site[] _sites = new Site[32];
    private int _siteCount;
    private int _functionStart;
    private int _wasmOffset;
    private int _instructionStart;
    private bool _marked;

    private readonly record struct Site(Label Label, int Slot, int WasmOffset);

    /// <summary>Forgets the previous function (its label table was reset too); its code starts at
    /// <paramref name="functionStart"/> in the buffer.</summary>
    public void Reset(int functionStart)
    {
        ClearLabels();
        _siteCount = 0;
        _functionStart = functionStart;
        _marked = false;
    }

    /// <summary>Code from here on belongs to the instruction at module offset <paramref name="wasmOffset"/>.</summary>
    public void BeginInstruction(int wasmOffset)
    {
        if (_usedSlots != 0) ClearLabels();
        _wasmOffset = wasmOffset;
        _instructionStart = masm.Buffer.Position;
        _marked = false;
    }

    /// <summary>The current instruction calls or may fault: its code goes in the offset map (once).</summary>
    public void MarkSite()
    {
        if (_marked) return;
        _marked = true;
        map.Add(_instructionStart - _functionStart, _wasmOffset);
    }

    /// <summary>Where the current instruction branches to trap with <paramref name="kind"/>.</summary>
    public Label this[TrapKind kind] => SiteLabel((int)kind);

    /// <summary>Where the current instruction branches to trap with the code in the status register.</summary>
    public Label StatusTrap => SiteLabel(Status);

    /// <summary>The trap labels of an integer division or remainder.</summary>
    public TrapLabels Division => new(default, this[TrapKind.IntegerDivideByZero], this[TrapKind.IntegerOverflow], default);

    /// <summary>The trap labels of a conversion: only a trapping float-to-integer truncation has any (a site per
    /// label costs compile time and an offset-map entry, so the others get none).</summary>
    public TrapLabels Conversion(ConvOp op) => op is >= ConvOp.I32TruncF32S and <= ConvOp.I64TruncF64U
        ? new(default, default, this[TrapKind.IntegerOverflow], this[TrapKind.InvalidConversionToInteger])
        : default;

    /// <summary>The out-of-bounds label of a memory access; none with guard pages, where the access itself faults
    /// (it is only entered in the offset map).</summary>
    public Label MemoryAccess()
    {
        if (!masm.GuardPages) return this[TrapKind.OutOfBoundsMemoryAccess];
        MarkSite();
        return default;
    }

    private void ClearLabels()
    {
        for (int used = _usedSlots; used != 0; used &= used - 1)
            _labels[System.Numerics.BitOperations.TrailingZeroCount(used)] = default;
        _usedSlots = 0;
    }

    private Label SiteLabel(int slot)
    {
        ref var l = ref _labels[slot];
        if (l.IsValid) return l;
        l = masm.CreateLabel();
        _usedSlots |= 1 << slot;
        if (_siteCount == _sites.Length) Array.Resize(ref _sites, _siteCount * 2);
        _sites[_siteCount++] = new Site(l, slot, _wasmOffset);
        MarkSite();
        return l;
    }

    /// <summary>After the body: one stub per trap kind used, then the sites, each calling its kind's stub and
    /// entered in the offset map.</summary>
    public void EmitStubs(Reg status)
    {
        Array.Clear(_stubs);
        for (int i = 0; i < _siteCount; i++)
        {
            ref readonly var site = ref _sites[i];
            if (!masm.Labels.IsReferenced(site.Label) || _stubs[site.Slot].IsValid) continue;
            var stub = _stubs[site.Slot] = masm.CreateLabel();
            if (site.Slot == Status) masm.StatusTrapStub(stub, status);
            else masm.TrapStub(stub, (TrapKind)site.Slot);
        }
        for (int i = 0; i < _siteCount; i++)
        {
            ref readonly var site = ref _sites[i];
            if (!masm.Labels.IsReferenced(site.Label)) continue;
            int position = masm.TrapSite(site.Label, masm.Labels.OffsetOf(_stubs[site.Slot]));
            map.Add(position - _functionStart, site.WasmOffset);
        }
    }
}
