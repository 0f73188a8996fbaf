namespace WasmSharp.Singlepass.CodeGen;

internal enum RegClass : byte { Int, Float }

/// <summary>An allocatable machine register, named by the ISA's own number; the generator never interprets it.</summary>
internal readonly record struct Reg(byte Id, RegClass Class)
{
    public override string ToString() => $"{(Class == RegClass.Int ? "r" : "f")}{Id}";
}

/// <summary>A frame location: a slot relative to the frame pointer, the stack pointer, or a register.</summary>
internal readonly record struct Addr(AddrBase Base, int Offset, Reg Register = default)
{
    public static Addr Frame(int offset) => new(AddrBase.FramePointer, offset);
    public static Addr Stack(int offset) => new(AddrBase.StackPointer, offset);
    public static Addr At(Reg r, int offset) => new(AddrBase.Register, offset, r);
}

internal enum AddrBase : byte { FramePointer, StackPointer, Register }

/// <summary>The right-hand operand of an integer operation: a register or an immediate of the operand size (which
/// immediates an instruction can encode is the ISA's business, not the generator's).</summary>
internal readonly record struct Operand(bool IsImm, Reg Reg, long Imm)
{
    public static Operand Of(Reg r) => new(false, r, 0);
    public static Operand Immediate(long v) => new(true, default, v);
}
