namespace WasmSharp.Singlepass.CodeGen;

/// <summary>One out-of-line trap stub per trap kind a function uses, created on first use.</summary>
internal struct TrapLabelSet
{
    private readonly MacroAssembler _masm;
    private readonly Label[] _labels;

    public TrapLabelSet(MacroAssembler masm)
    {
        _masm = masm;
        _labels = new Label[16];
    }

    public Label this[TrapKind kind]
    {
        get
        {
            ref var l = ref _labels[(int)kind];
            if (!l.IsValid) l = _masm.CreateLabel();
            return l;
        }
    }

    public TrapLabels Arithmetic => new(this[TrapKind.OutOfBoundsMemoryAccess], this[TrapKind.IntegerDivideByZero],
        this[TrapKind.IntegerOverflow], this[TrapKind.InvalidConversionToInteger]);

    public readonly void EmitStubs()
    {
        for (int k = 0; k < _labels.Length; k++)
            if (_labels[k].IsValid) _masm.TrapStub(_labels[k], (TrapKind)k);
    }
}
