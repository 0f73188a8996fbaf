namespace WasmSharp.Singlepass.Arm64;

/// <summary>Memory barrier domains and types: the value is the CRm field of dmb.</summary>
internal enum BarrierOption : byte
{
    /// <summary>Inner shareable, loads only.</summary>
    IshLd = 0x9,
    /// <summary>Inner shareable, stores only.</summary>
    IshSt = 0xA,
    /// <summary>Inner shareable, all accesses: what Wasm atomics need.</summary>
    Ish = 0xB,
    /// <summary>Full system.</summary>
    Sy = 0xF,
}

/// <summary>The system registers generated code may touch; the value is the o0:op1:CRn:CRm:op2 field of mrs/msr.</summary>
internal enum SystemRegister : ushort
{
    /// <summary>The condition flags.</summary>
    Nzcv = 0x5A10,
    /// <summary>Floating-point control: rounding mode, default NaN, flush-to-zero.</summary>
    Fpcr = 0x5A20,
    /// <summary>Floating-point status: cumulative exception flags.</summary>
    Fpsr = 0x5A21,
}

internal sealed partial class Arm64Assembler
{
    // PC-relative instructions take their target as a byte offset in this buffer and return their own offset.
    // For a forward reference, pass Position (a zero displacement) and patch the word once the target is known
    // with Arm64Branches.TryPatch(code, returned offset, target, kind).

    /// <summary><c>b target</c> (±128 MiB).</summary>
    public int B(int target) => EmitBranch(0x1400_0000u, 0, target, Arm64BranchKind.Imm26);

    /// <summary><c>bl target</c>: call, return address in x30.</summary>
    public int Bl(int target) => EmitBranch(0x9400_0000u, 0, target, Arm64BranchKind.Imm26);

    /// <summary><c>b.cond target</c> (±1 MiB).</summary>
    public int BCond(Cond cond, int target) => EmitBranch(0x5400_0000u, (uint)cond, target, Arm64BranchKind.Imm19);

    /// <summary><c>cbz rt, target</c>: branch if rt is zero (±1 MiB).</summary>
    public int Cbz(RegWidth w, XReg rt, int target) => EmitBranch(0x3400_0000u | Sf(w), Rz(rt), target, Arm64BranchKind.Imm19);

    /// <summary><c>cbnz rt, target</c>: branch if rt is not zero (±1 MiB).</summary>
    public int Cbnz(RegWidth w, XReg rt, int target) => EmitBranch(0x3500_0000u | Sf(w), Rz(rt), target, Arm64BranchKind.Imm19);

    /// <summary><c>tbz rt, #bit, target</c>: branch if bit (0..63) of rt is clear (±32 KiB).</summary>
    public int Tbz(XReg rt, int bit, int target) => EmitBranch(0x3600_0000u | TestBit(bit), Rz(rt), target, Arm64BranchKind.Imm14);

    /// <summary><c>tbnz rt, #bit, target</c>: branch if bit (0..63) of rt is set (±32 KiB).</summary>
    public int Tbnz(XReg rt, int bit, int target) => EmitBranch(0x3700_0000u | TestBit(bit), Rz(rt), target, Arm64BranchKind.Imm14);

    /// <summary>The bit number split into b5 (bit 31, which also selects the x form) and b40 (bits 23..19).</summary>
    private static uint TestBit(int bit)
    {
        CheckRange(bit, 0, 63, nameof(bit));
        return (uint)(bit >> 5) << 31 | (uint)(bit & 31) << 19;
    }

    /// <summary><c>adr rd, target</c>: a PC-relative address (±1 MiB, any byte).</summary>
    public int Adr(XReg rd, int target) => EmitBranch(0x1000_0000u, Rz(rd), target, Arm64BranchKind.Adr);

    /// <summary>Writes <paramref name="opcode"/> | <paramref name="low"/> with the displacement to <paramref name="target"/>.</summary>
    private int EmitBranch(uint opcode, uint low, int target, Arm64BranchKind kind)
    {
        int at = _buf.Position;
        long displacement = (long)target - at;
        if (!Arm64Branches.IsInRange(kind, displacement))
            ThrowUnencodable($"a {kind} displacement", displacement);
        Emit(Arm64Branches.WithDisplacement(opcode | low, kind, displacement));
        return at;
    }

    /// <summary><c>br rn</c>: indirect jump.</summary>
    public void Br(XReg rn) => Emit(0xD61F_0000u | Rn(rn) << 5);

    /// <summary><c>blr rn</c>: indirect call (to the runtime, through a table loaded into x16/x17).</summary>
    public void Blr(XReg rn) => Emit(0xD63F_0000u | Rn(rn) << 5);

    /// <summary><c>ret {rn}</c>: return through x30 by default.</summary>
    public void Ret(XReg rn = XReg.X30) => Emit(0xD65F_0000u | Rn(rn) << 5);

    /// <summary><c>brk #imm16</c>: a breakpoint (SIGTRAP).</summary>
    public void Brk(ushort imm16) => Emit(0xD420_0000u | (uint)imm16 << 5);

    /// <summary><c>udf #imm16</c>: permanently undefined (SIGILL); a trap whose code is the immediate.</summary>
    public void Udf(ushort imm16) => Emit(imm16);

    public void Nop() => Emit(0xD503_201Fu);

    /// <summary><c>dmb option</c>: orders memory accesses.</summary>
    public void Dmb(BarrierOption option) => Emit(0xD503_30BFu | (uint)option << 8);

    /// <summary><c>mrs xt, sysreg</c>.</summary>
    public void Mrs(XReg rt, SystemRegister reg) => Emit(0xD530_0000u | (uint)reg << 5 | Rz(rt));

    /// <summary><c>msr sysreg, xt</c>.</summary>
    public void Msr(SystemRegister reg, XReg rt) => Emit(0xD510_0000u | (uint)reg << 5 | Rz(rt));
}
