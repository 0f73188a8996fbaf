namespace WasmSharp.Singlepass.Arm64;

// AdvSIMD (NEON) forms for Wasm's 128-bit SIMD. Every method writes one fixed word; q selects the 128-bit
// arrangement (16B/8H/4S/2D) over the 64-bit one (8B/4H/2S/1D), which for the narrowing, widening and long
// instructions is the "2" form working on the high half.
internal sealed partial class Arm64Assembler
{
    private static uint Q(bool q) => q ? 1u << 30 : 0;

    /// <summary>The imm5 field naming lane <paramref name="lane"/> of elements of <paramref name="size"/>.</summary>
    private static uint Imm5(VSize size, int lane)
    {
        CheckRange(lane, 0, (16 >> (int)size) - 1, nameof(lane));
        return ((uint)lane << 1 | 1u) << (int)size;
    }

    /// <summary><c>op vd.T, vn.T, vm.T</c> (add, sub, mul, compares, min/max, saturating, shifts by register, addp).</summary>
    public void Vec3(Neon3Op op, VSize size, VReg rd, VReg rn, VReg rm, bool q = true) =>
        Emit(0x0E20_0400u | Q(q) | (uint)op | (uint)size << 22 | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>and/bic/orr/orn/eor/bsl/bit/bif vd.16b, vn.16b, vm.16b</c>.</summary>
    public void VecLogic(NeonLogicOp op, VReg rd, VReg rn, VReg rm, bool q = true) =>
        Emit(0x0E20_1C00u | Q(q) | (uint)op | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>mov vd.16b, vn.16b</c> (orr with itself).</summary>
    public void VecMov(VReg rd, VReg rn) => VecLogic(NeonLogicOp.Orr, rd, rn, rn);

    /// <summary><c>op vd.4s/2d, vn, vm</c> for the float operations.</summary>
    public void VecFp3(NeonFp3Op op, bool is64, VReg rd, VReg rn, VReg rm) =>
        Emit(0x4E20_0400u | (uint)op | (is64 ? 1u << 22 : 0) | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>op vd.T, vn.T</c> for the integer two-register operations (size is the element size, of the
    /// destination for the narrowing ones, of the source for the pairwise long ones).</summary>
    public void VecMisc(NeonMiscOp op, VSize size, VReg rd, VReg rn, bool q = true) =>
        Emit(0x0E20_0800u | Q(q) | (uint)op | (uint)size << 22 | V(rn) << 5 | V(rd));

    /// <summary><c>op vd.T, vn.T</c> for the float two-register operations: <paramref name="is64"/> is sz (for fcvtn and
    /// fcvtl, the wider side is double when set).</summary>
    public void VecMiscFp(NeonMiscOp op, bool is64, VReg rd, VReg rn, bool q = true) =>
        Emit(0x0E20_0800u | Q(q) | (uint)op | (is64 ? 1u << 22 : 0) | V(rn) << 5 | V(rd));

    /// <summary><c>addv/umaxv/uminv</c> of the 16b/8h/4s lanes into the scalar lane 0 of vd (the rest zeroed).</summary>
    public void VecAcross(NeonAcrossOp op, VSize size, VReg rd, VReg rn)
    {
        if (size == VSize.D)
            throw new ArgumentOutOfRangeException(nameof(size), size, "no reduction across 64-bit lanes");
        Emit(0x4E30_0800u | (uint)op | (uint)size << 22 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>smull/umull vd, vn, vm</c> (the "2" form with <paramref name="high"/>): widening multiply of
    /// elements of <paramref name="size"/>.</summary>
    public void VecMull(bool unsigned, VSize size, VReg rd, VReg rn, VReg rm, bool high) =>
        Emit(0x0E20_C000u | Q(high) | (unsigned ? 1u << 29 : 0) | (uint)size << 22 | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary>
    /// Shift by an immediate: <c>shl</c> (0..esize-1), <c>sshr/ushr</c> (1..esize), <c>sshll/ushll</c> (0..esize-1,
    /// <paramref name="size"/> the source element size; the "2" form with q).
    /// </summary>
    public void VecShiftImm(NeonShiftImmOp op, VSize size, VReg rd, VReg rn, int shift, bool q = true)
    {
        int esize = 8 << (int)size;
        bool right = op is NeonShiftImmOp.Sshr or NeonShiftImmOp.Ushr;
        if (right) CheckRange(shift, 1, esize, nameof(shift));
        else CheckRange(shift, 0, esize - 1, nameof(shift));
        uint immhb = (uint)(right ? 2 * esize - shift : esize + shift);
        Emit(0x0F00_0400u | Q(q) | (uint)op | immhb << 16 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>dup vd.T, vn.Ts[lane]</c> (all 128 bits).</summary>
    public void DupElement(VSize size, VReg rd, VReg rn, int lane) =>
        Emit(0x4E00_0400u | Imm5(size, lane) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>dup vd.T, wn/xn</c> (all 128 bits).</summary>
    public void DupGeneral(VSize size, VReg rd, XReg rn) =>
        Emit(0x4E00_0C00u | Imm5(size, 0) << 16 | Rz(rn) << 5 | V(rd));

    /// <summary><c>mov bd/hd/sd/dd, vn.T[lane]</c> (scalar dup): the lane into a scalar register, the rest zeroed.</summary>
    public void DupScalar(VSize size, VReg rd, VReg rn, int lane) =>
        Emit(0x5E00_0400u | Imm5(size, lane) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>umov wd, vn.T[lane]</c> (x for 64-bit lanes): zero-extended.</summary>
    public void Umov(VSize size, XReg rd, VReg rn, int lane) =>
        Emit(0x0E00_3C00u | Q(size == VSize.D) | Imm5(size, lane) << 16 | V(rn) << 5 | Rz(rd));

    /// <summary><c>smov wd/xd, vn.b/h[lane]</c>: sign-extended to the register width.</summary>
    public void Smov(VSize size, RegWidth w, XReg rd, VReg rn, int lane)
    {
        if (size >= VSize.S && !(size == VSize.S && w == RegWidth.X))
            throw new ArgumentOutOfRangeException(nameof(size), size, "smov extends b or h lanes (s into x)");
        Emit(0x0E00_2C00u | Q(w == RegWidth.X) | Imm5(size, lane) << 16 | V(rn) << 5 | Rz(rd));
    }

    /// <summary><c>mov vd.T[lane], wn/xn</c> (ins from a general register); the other lanes keep their values.</summary>
    public void InsGeneral(VSize size, VReg rd, int lane, XReg rn) =>
        Emit(0x4E00_1C00u | Imm5(size, lane) << 16 | Rz(rn) << 5 | V(rd));

    /// <summary><c>mov vd.T[dl], vn.T[sl]</c> (ins from an element).</summary>
    public void InsElement(VSize size, VReg rd, int dstLane, VReg rn, int srcLane)
    {
        CheckRange(srcLane, 0, (16 >> (int)size) - 1, nameof(srcLane));
        Emit(0x6E00_0400u | Imm5(size, dstLane) << 16 | (uint)(srcLane << (int)size) << 11 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>movi vd.2d, #0</c> or <c>#0xffffffffffffffff</c>.</summary>
    public void MoviAll(VReg rd, bool ones) => Emit(0x6F00_E400u | (ones ? 7u << 16 | 0x1Fu << 5 : 0) | V(rd));

    /// <summary><c>tbl vd.16b, {vn.16b .. vn+count-1}, vm.16b</c>: table lookup; an index beyond the table gives 0.</summary>
    public void Tbl(VReg rd, VReg rn, int count, VReg rm)
    {
        CheckRange(count, 1, 4, nameof(count));
        Emit(0x4E00_0000u | V(rm) << 16 | (uint)(count - 1) << 13 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>ext vd.16b, vn.16b, vm.16b, #index</c>: bytes index.. of vn followed by vm.</summary>
    public void Ext(VReg rd, VReg rn, VReg rm, int index)
    {
        CheckRange(index, 0, 15, nameof(index));
        Emit(0x6E00_0000u | V(rm) << 16 | (uint)index << 11 | V(rn) << 5 | V(rd));
    }

    /// <summary><c>zip1/zip2/uzp1/uzp2/trn1/trn2 vd.T, vn.T, vm.T</c>.</summary>
    public void Permute(NeonPermuteOp op, VSize size, VReg rd, VReg rn, VReg rm) =>
        Emit(0x4E00_0800u | (uint)op | (uint)size << 22 | V(rm) << 16 | V(rn) << 5 | V(rd));

    /// <summary><c>addp dd, vn.2d</c>: the sum of the two 64-bit lanes.</summary>
    public void AddpScalar(VReg rd, VReg rn) => Emit(0x5EF1_B800u | V(rn) << 5 | V(rd));

    /// <summary><c>ld1 {vt.T}[lane], [xn]</c> or <c>st1</c>: one lane from or to memory, the other lanes kept.</summary>
    public void VecLane(bool load, VSize size, VReg rt, int lane, XReg rn)
    {
        CheckRange(lane, 0, (16 >> (int)size) - 1, nameof(lane));
        uint l = (uint)lane;
        (uint q, uint s, uint sz, uint opcode) = size switch
        {
            VSize.B => (l >> 3, (l >> 2) & 1, l & 3, 0u),
            VSize.H => (l >> 2, (l >> 1) & 1, (l & 1) << 1, 2u),
            VSize.S => (l >> 1, l & 1, 0u, 4u),
            _ => (l, 0u, 1u, 4u),
        };
        Emit((load ? 0x0D40_0000u : 0x0D00_0000u) | q << 30 | opcode << 13 | s << 12 | sz << 10 | Rs(rn) << 5 | V(rt));
    }

    /// <summary><c>ld1r {vt.T}, [xn]</c>: one element loaded into every lane.</summary>
    public void Ld1r(VSize size, VReg rt, XReg rn) => Emit(0x4D40_C000u | (uint)size << 10 | Rs(rn) << 5 | V(rt));
}
