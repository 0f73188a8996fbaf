namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64Assembler
{
    /// <summary><c>fadd/fsub/fmul/fdiv/fmax/fmin/... d, n, m</c> in single or double precision.</summary>
    public void FpBinary(FpBinaryOp op, FpSize size, VReg rd, VReg rn, VReg rm) =>
        Emit(0x1E20_0800u | (uint)size << 22 | V(rm) << 16 | (uint)op << 12 | V(rn) << 5 | V(rd));

    /// <summary><c>fmov/fabs/fneg/fsqrt/frint* d, n</c>.</summary>
    public void FpUnary(FpUnaryOp op, FpSize size, VReg rd, VReg rn) =>
        Emit(0x1E20_4000u | (uint)size << 22 | (uint)op << 15 | V(rn) << 5 | V(rd));

    /// <summary><c>fcvt</c>: converts rn from the other precision to <paramref name="to"/> (Wasm's promote/demote).</summary>
    public void Fcvt(FpSize to, VReg rd, VReg rn)
    {
        FpSize from = to == FpSize.D ? FpSize.S : FpSize.D;
        Emit(0x1E22_4000u | (uint)from << 22 | (uint)to << 15 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>fcmp n, m</c>: unordered sets C and V, so "less than" must use mi/ls rather than lt/le.</summary>
    public void Fcmp(FpSize size, VReg rn, VReg rm) => Emit(0x1E20_2000u | (uint)size << 22 | V(rm) << 16 | V(rn) << 5);

    /// <summary><c>fcmp n, #0.0</c>.</summary>
    public void FcmpZero(FpSize size, VReg rn) => Emit(0x1E20_2008u | (uint)size << 22 | V(rn) << 5);

    /// <summary><c>fcsel d, n, m, cond</c>.</summary>
    public void Fcsel(FpSize size, VReg rd, VReg rn, VReg rm, Cond cond) =>
        Emit(0x1E20_0C00u | (uint)size << 22 | V(rm) << 16 | (uint)cond << 12 | V(rn) << 5 | V(rd));

    /// <summary>
    /// <c>fcvtzs rd, rn</c>: float to signed integer, rounding toward zero. It saturates (NaN → 0), which is exactly
    /// Wasm's trunc_sat; the trapping truncations need range checks first.
    /// </summary>
    public void Fcvtzs(RegWidth w, FpSize size, XReg rd, VReg rn) => IntFloat(0x18u, w, size, Rz(rd), V(rn));

    /// <summary><c>fcvtzu rd, rn</c>: float to unsigned integer, saturating like <see cref="Fcvtzs"/>.</summary>
    public void Fcvtzu(RegWidth w, FpSize size, XReg rd, VReg rn) => IntFloat(0x19u, w, size, Rz(rd), V(rn));

    /// <summary><c>scvtf rd, rn</c>: signed integer to float, rounding to nearest.</summary>
    public void Scvtf(FpSize size, RegWidth w, VReg rd, XReg rn) => IntFloat(0x02u, w, size, V(rd), Rz(rn));

    /// <summary><c>ucvtf rd, rn</c>: unsigned integer to float, rounding to nearest.</summary>
    public void Ucvtf(FpSize size, RegWidth w, VReg rd, XReg rn) => IntFloat(0x03u, w, size, V(rd), Rz(rn));

    /// <summary><c>fmov wd, sn</c> / <c>fmov xd, dn</c>: the raw bits (Wasm's reinterpret); the width decides the size.</summary>
    public void FmovToGpr(RegWidth w, XReg rd, VReg rn) => IntFloat(0x06u, w, (FpSize)w, Rz(rd), V(rn));

    /// <summary><c>fmov sd, wn</c> / <c>fmov dd, xn</c>: the raw bits; <c>fmov dd, xzr</c> is +0.0.</summary>
    public void FmovFromGpr(RegWidth w, VReg rd, XReg rn) => IntFloat(0x07u, w, (FpSize)w, V(rd), Rz(rn));

    /// <summary>The conversion group: sf:0:0:11110:ftype:1:rmode:opcode, with rmode:opcode passed as one 5-bit value.</summary>
    private void IntFloat(uint rmodeOpcode, RegWidth w, FpSize size, uint rd, uint rn) =>
        Emit(0x1E20_0000u | Sf(w) | (uint)size << 22 | rmodeOpcode << 16 | rn << 5 | rd);

    /// <summary><c>fmov d, #imm</c> for the constants <see cref="FpImmediate"/> accepts; false (nothing written) otherwise.</summary>
    public bool TryFmovImm(FpSize size, VReg rd, double value)
    {
        uint imm8 = 0;
        bool ok = size == FpSize.D ? FpImmediate.TryEncode(value, out imm8)
            : (double)(float)value == value && FpImmediate.TryEncode((float)value, out imm8);
        if (!ok)
            return false;
        Emit(0x1E20_1000u | (uint)size << 22 | imm8 << 13 | V(rd));
        return true;
    }

    // ---- the few SIMD forms scalar Wasm needs ----------------------------------------------------------------

    /// <summary><c>cnt vd.8b, vn.8b</c>: population count per byte (with addv, Wasm's popcnt).</summary>
    public void Cnt8B(VReg rd, VReg rn) => Emit(0x0E20_5800u | V(rn) << 5 | V(rd));

    /// <summary><c>addv bd, vn.8b</c>: sum of the eight bytes, written to the low byte with the rest zeroed.</summary>
    public void Addv8B(VReg rd, VReg rn) => Emit(0x0E31_B800u | V(rn) << 5 | V(rd));

    /// <summary>
    /// <c>bit vd.8b, vn.8b, vm.8b</c>: inserts the bits of vn where vm is set (copysign with a sign-bit mask in vm).
    /// 16 bytes when <paramref name="full"/>.
    /// </summary>
    public void Bit(VReg rd, VReg rn, VReg rm, bool full = false) => Emit(0x2EA0_1C00u | (full ? 1u << 30 : 0) | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>eor vd.8b, vn.8b, vm.8b</c> (16 bytes when <paramref name="full"/>).</summary>
    public void EorVector(VReg rd, VReg rn, VReg rm, bool full = false) => Emit(0x2E20_1C00u | (full ? 1u << 30 : 0) | V(rm) << 16 | V(rn) << 5 | V(rd));
}
