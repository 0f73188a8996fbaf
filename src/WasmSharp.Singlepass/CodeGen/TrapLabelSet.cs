namespace WasmSharp.Singlepass.CodeGen;

/// <summary>One out-of-line trap stub per trap kind a function uses, created on first use. One set serves every
/// function a compiler compiles (<see cref="Reset"/>), so compiling a function allocates nothing here.</summary>
internal sealed class TrapLabelSet(MacroAssembler masm)
{
    private readonly Label[] _labels = new Label[16];

    /// <summary>Forgets the previous function's labels (its label table was reset too).</summary>
    public void Reset() => Array.Clear(_labels);

    public Label this[TrapKind kind]
    {
        get
        {
            ref var l = ref _labels[(int)kind];
            if (!l.IsValid) l = masm.CreateLabel();
            return l;
        }
    }

    public TrapLabels Arithmetic => new(this[TrapKind.OutOfBoundsMemoryAccess], this[TrapKind.IntegerDivideByZero],
        this[TrapKind.IntegerOverflow], this[TrapKind.InvalidConversionToInteger]);

    public void EmitStubs()
    {
        for (int k = 0; k < _labels.Length; k++)
            if (_labels[k].IsValid) masm.TrapStub(_labels[k], (TrapKind)k);
    }
}
