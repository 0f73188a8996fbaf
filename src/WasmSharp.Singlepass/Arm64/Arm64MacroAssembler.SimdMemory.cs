using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

// 128-bit SIMD loads and stores of memory 0, bounds-checked like the scalar accesses for the bytes they touch.
internal sealed partial class Arm64MacroAssembler
{
    /// <summary><paramref name="p"/> = membase + zext(addr) + offset, after the explicit bounds check of
    /// <paramref name="size"/> bytes unless guard pages catch it. The lane and replicate forms take no offset.</summary>
    private void SimdAddress(XReg p, Reg addr, ulong offset, int size, Label outOfBounds)
    {
        if (!GuardPages) BoundsCheck(size, X(addr), offset, outOfBounds);
        _a.AddSubExt(AddSubOp.Add, RegWidth.X, p, MemBase, X(addr), Extend.Uxtw);
        if (offset == 0) return;
        if (AddSubImmediate.IsEncodable(offset))
        {
            _a.AddImm(RegWidth.X, p, p, offset);
            return;
        }
        using var s = Scratch();
        var o = Tmp(s);
        _a.MovImm(RegWidth.X, o, offset);
        _a.Add(RegWidth.X, p, p, o);
    }

    public override void V128Load(V128LoadOp op, Reg dst, Reg addr, ulong offset, Label outOfBounds)
    {
        Island();
        using var s = Scratch();
        var p = Tmp(s);
        SimdAddress(p, addr, offset, op.Size(), outOfBounds);
        var d = V(dst);
        switch (op)
        {
            case V128LoadOp.V128Load: _a.Mem(FpMemOp.LdrQ, d, p, 0); return;
            case V128LoadOp.V128Load8x8S or V128LoadOp.V128Load8x8U:
                _a.Mem(FpMemOp.LdrD, d, p, 0);
                _a.VecShiftImm(op == V128LoadOp.V128Load8x8S ? NeonShiftImmOp.Sshll : NeonShiftImmOp.Ushll, VSize.B, d, d, 0, q: false);
                return;
            case V128LoadOp.V128Load16x4S or V128LoadOp.V128Load16x4U:
                _a.Mem(FpMemOp.LdrD, d, p, 0);
                _a.VecShiftImm(op == V128LoadOp.V128Load16x4S ? NeonShiftImmOp.Sshll : NeonShiftImmOp.Ushll, VSize.H, d, d, 0, q: false);
                return;
            case V128LoadOp.V128Load32x2S or V128LoadOp.V128Load32x2U:
                _a.Mem(FpMemOp.LdrD, d, p, 0);
                _a.VecShiftImm(op == V128LoadOp.V128Load32x2S ? NeonShiftImmOp.Sshll : NeonShiftImmOp.Ushll, VSize.S, d, d, 0, q: false);
                return;
            case V128LoadOp.V128Load8Splat: _a.Ld1r(VSize.B, d, p); return;
            case V128LoadOp.V128Load16Splat: _a.Ld1r(VSize.H, d, p); return;
            case V128LoadOp.V128Load32Splat: _a.Ld1r(VSize.S, d, p); return;
            case V128LoadOp.V128Load64Splat: _a.Ld1r(VSize.D, d, p); return;
            // scalar s/d loads clear the rest of the register
            case V128LoadOp.V128Load32Zero: _a.Mem(FpMemOp.LdrS, d, p, 0); return;
            case V128LoadOp.V128Load64Zero: _a.Mem(FpMemOp.LdrD, d, p, 0); return;
            default: throw NoSimd(op);
        }
    }

    public override void V128Store(Reg value, Reg addr, ulong offset, Label outOfBounds)
    {
        Island();
        using var s = Scratch();
        var p = Tmp(s);
        SimdAddress(p, addr, offset, 16, outOfBounds);
        _a.Mem(FpMemOp.StrQ, V(value), p, 0);
    }

    public override void V128LoadLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds) =>
        LaneAccess(true, laneBytes, vec, addr, offset, lane, outOfBounds);

    public override void V128StoreLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds) =>
        LaneAccess(false, laneBytes, vec, addr, offset, lane, outOfBounds);

    private void LaneAccess(bool load, int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds)
    {
        Island();
        using var s = Scratch();
        var p = Tmp(s);
        SimdAddress(p, addr, offset, laneBytes, outOfBounds);
        _a.VecLane(load, (VSize)System.Numerics.BitOperations.Log2((uint)laneBytes), V(vec), lane, p);
    }
}
