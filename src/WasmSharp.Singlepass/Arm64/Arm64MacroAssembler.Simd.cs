using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

// 128-bit SIMD on NEON: constants, lanes, shuffles, bitselect and NaN canonicalization. Operators map one to one
// where NEON has the instruction; the sequences and the semantic fix-ups are in Arm64MacroAssembler.SimdArith.cs.
// A v128 lives in a whole q register and spills as 16 bytes (ldr/str q), so calls, which clobber every allocatable
// register, never lose its upper half.
internal sealed partial class Arm64MacroAssembler
{
    public override bool SupportsSimd => true;

    /// <summary>An operator this back end does not lower refuses at compile time (never wrong code).</summary>
    private static UnsupportedFeatureException NoSimd(Enum op) =>
        new("simd", $"{op} on aarch64");

    private static VSize Lane(LaneShape s) => s switch
    {
        LaneShape.I8x16 => VSize.B,
        LaneShape.I16x8 => VSize.H,
        LaneShape.I32x4 or LaneShape.F32x4 => VSize.S,
        _ => VSize.D,
    };

    /// <summary><paramref name="d"/> = the two 64-bit halves, built in general registers (no literal pool).</summary>
    private void VecConst(VReg d, ulong lo, ulong hi)
    {
        if (lo == 0 && hi == 0) { _a.MoviAll(d, false); return; }
        if (lo == ulong.MaxValue && hi == ulong.MaxValue) { _a.MoviAll(d, true); return; }
        using var s = Scratch();
        var t = Tmp(s);
        _a.MovImm(RegWidth.X, t, lo);
        if (lo == hi)
        {
            _a.DupGeneral(VSize.D, d, t);
            return;
        }
        _a.FmovFromGpr(RegWidth.X, d, t); // clears the upper half
        if (hi == 0) return;
        _a.MovImm(RegWidth.X, t, hi);
        _a.InsGeneral(VSize.D, d, 1, t);
    }

    public override void V128Const(Reg dst, ulong lo, ulong hi)
    {
        Island();
        VecConst(V(dst), lo, hi);
    }

    public override void V128Bitselect(Reg dst, Reg a, Reg b, Reg mask)
    {
        Island();
        VReg d = V(dst), va = V(a), vb = V(b), m = V(mask);
        if (d == m) { _a.VecLogic(NeonLogicOp.Bsl, d, va, vb); return; }
        if (d == va) { _a.VecLogic(NeonLogicOp.Bif, d, vb, m); return; }
        if (d == vb) { _a.VecLogic(NeonLogicOp.Bit, d, va, m); return; }
        _a.VecMov(d, m);
        _a.VecLogic(NeonLogicOp.Bsl, d, va, vb);
    }

    /// <summary>tbl with a two-register table needs consecutive registers: the operands go to the two scratch
    /// vectors v30, v31, and the lane indices (all below 32) into dst.</summary>
    public override void V128Shuffle(Reg dst, Reg lhs, Reg rhs, ulong lanesLo, ulong lanesHi)
    {
        Island();
        using var s = Scratch();
        VReg t0 = FTmp(s), t1 = FTmp(s);
        if (!((t0 == VReg.V30 && t1 == VReg.V31) || (t0 == VReg.V31 && t1 == VReg.V30)))
            throw new InvalidOperationException("the shuffle needs the scratch vectors v30 and v31");
        _a.VecMov(VReg.V30, V(lhs));
        _a.VecMov(VReg.V31, V(rhs));
        VecConst(V(dst), lanesLo, lanesHi);
        _a.Tbl(V(dst), VReg.V30, 2, V(dst));
    }

    public override void V128Splat(LaneShape shape, Reg dst, Reg src)
    {
        Island();
        if (shape is LaneShape.F32x4 or LaneShape.F64x2) _a.DupElement(Lane(shape), V(dst), V(src), 0);
        else _a.DupGeneral(Lane(shape), V(dst), X(src));
    }

    public override void V128ExtractLane(LaneShape shape, bool signed, Reg dst, Reg src, int lane)
    {
        Island();
        var size = Lane(shape);
        switch (shape)
        {
            case LaneShape.F32x4 or LaneShape.F64x2:
                _a.DupScalar(size, V(dst), V(src), lane);
                return;
            case LaneShape.I8x16 or LaneShape.I16x8 when signed:
                _a.Smov(size, RegWidth.W, X(dst), V(src), lane);
                return;
            default:
                _a.Umov(size, X(dst), V(src), lane);
                return;
        }
    }

    public override void V128ReplaceLane(LaneShape shape, Reg dst, Reg vec, Reg value, int lane)
    {
        Island();
        var size = Lane(shape);
        VReg d = V(dst), v = V(vec);
        if (shape is LaneShape.F32x4 or LaneShape.F64x2)
        {
            if (d == V(value) && d != v)
            {
                using var s = Scratch();
                var t = FTmp(s);
                _a.VecMov(t, v);
                _a.InsElement(size, t, lane, V(value), 0);
                _a.VecMov(d, t);
                return;
            }
            if (d != v) _a.VecMov(d, v);
            _a.InsElement(size, d, lane, V(value), 0);
            return;
        }
        if (d != v) _a.VecMov(d, v);
        _a.InsGeneral(size, d, lane, X(value));
    }

    public override void V128CanonicalizeNaN(bool is64, Reg value)
    {
        Island();
        using var s = Scratch();
        VReg v = V(value), ordered = FTmp(s), nan = FTmp(s);
        // ordered = lanes equal to themselves (not NaN); elsewhere insert the canonical NaN
        _a.VecFp3(NeonFp3Op.Fcmeq, is64, ordered, v, v);
        ulong bits = is64 ? 0x7FF8_0000_0000_0000UL : 0x7FC0_0000_7FC0_0000UL;
        VecConst(nan, bits, bits);
        _a.VecLogic(NeonLogicOp.Bif, v, nan, ordered);
    }
}
