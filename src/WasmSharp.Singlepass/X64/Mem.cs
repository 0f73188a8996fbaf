namespace WasmSharp.Singlepass.X64;

/// <summary>
/// A memory operand: <c>[base + index*scale + disp32]</c> with base and index optional,
/// or RIP-relative (<c>[rip + disp32]</c>, or <c>[rip + label]</c> resolved by the assembler).
/// The encoding quirks (rsp/r12 base needs a SIB byte, rbp/r13 base needs a displacement,
/// rsp cannot be an index) are handled when the operand is encoded.
/// </summary>
internal readonly struct Mem
{
    internal enum MemKind : byte { BaseIndex, Rip, RipLabel }

    internal const byte NoReg = 0xFF;

    internal readonly byte BaseReg;
    internal readonly byte IndexReg;
    internal readonly byte ScaleLog2;
    internal readonly MemKind Kind;
    public readonly int Displacement;
    /// <summary>For <see cref="MemKind.RipLabel"/>: the label's id.</summary>
    internal readonly int LabelId;

    private Mem(MemKind kind, byte baseReg, byte indexReg, byte scaleLog2, int displacement, int labelId)
    {
        Kind = kind;
        BaseReg = baseReg;
        IndexReg = indexReg;
        ScaleLog2 = scaleLog2;
        Displacement = displacement;
        LabelId = labelId;
    }

    /// <summary><c>[base + disp]</c></summary>
    public static Mem At(Gpr @base, int displacement = 0) =>
        new(MemKind.BaseIndex, (byte)@base, NoReg, 0, displacement, 0);

    /// <summary><c>[base + index*scale + disp]</c>; scale is 1, 2, 4 or 8.</summary>
    public static Mem At(Gpr @base, Gpr index, int scale, int displacement = 0) =>
        new(MemKind.BaseIndex, (byte)@base, CheckIndex(index), ScaleToLog2(scale), displacement, 0);

    /// <summary><c>[index*scale + disp32]</c> without a base register.</summary>
    public static Mem Indexed(Gpr index, int scale, int displacement) =>
        new(MemKind.BaseIndex, NoReg, CheckIndex(index), ScaleToLog2(scale), displacement, 0);

    /// <summary><c>[disp32]</c>, sign-extended absolute address (encoded with a SIB byte: the plain form is RIP-relative in 64-bit mode).</summary>
    public static Mem Absolute(int displacement) =>
        new(MemKind.BaseIndex, NoReg, NoReg, 0, displacement, 0);

    /// <summary><c>[rip + disp32]</c>, relative to the end of the instruction.</summary>
    public static Mem Rip(int displacement) =>
        new(MemKind.Rip, NoReg, NoReg, 0, displacement, 0);

    /// <summary><c>[rip + label]</c>: the address of <paramref name="label"/>, plus <paramref name="displacement"/>.</summary>
    public static Mem Rip(Label label, int displacement = 0)
    {
        if (!label.IsValid)
            throw new ArgumentException("invalid label", nameof(label));
        return new(MemKind.RipLabel, NoReg, NoReg, 0, displacement, label.Id);
    }

    public bool IsRipRelative => Kind != MemKind.BaseIndex;

    public Gpr? Base => BaseReg == NoReg ? null : (Gpr)BaseReg;

    public Gpr? Index => IndexReg == NoReg ? null : (Gpr)IndexReg;

    public int Scale => 1 << ScaleLog2;

    /// <summary>REX.X: the index is r8..r15.</summary>
    internal int RexX => IndexReg != NoReg ? (IndexReg >> 3) & 1 : 0;

    /// <summary>REX.B: the base is r8..r15.</summary>
    internal int RexB => BaseReg != NoReg ? (BaseReg >> 3) & 1 : 0;

    public override string ToString()
    {
        string s = Kind switch
        {
            MemKind.Rip => "rip",
            MemKind.RipLabel => $"rip+L{LabelId}",
            _ => (Base is { } b ? b.ToString().ToLowerInvariant() : "")
                + (Index is { } i ? $"{(Base is null ? "" : "+")}{i.ToString().ToLowerInvariant()}*{Scale}" : ""),
        };
        return Displacement == 0 && s.Length > 0 ? $"[{s}]" : $"[{s}{(Displacement < 0 ? "-" : s.Length > 0 ? "+" : "")}{Math.Abs((long)Displacement)}]";
    }

    private static byte CheckIndex(Gpr index)
    {
        // Index field 100 without REX.X means "no index", so rsp can never be scaled.
        if (index == Gpr.Rsp)
            throw new ArgumentException("rsp cannot be an index register", nameof(index));
        return (byte)index;
    }

    private static byte ScaleToLog2(int scale) => scale switch
    {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be 1, 2, 4 or 8"),
    };
}
