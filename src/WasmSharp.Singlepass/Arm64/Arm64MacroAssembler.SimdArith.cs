using WasmSharp.Singlepass.CodeGen;
using Bin = WasmSharp.Singlepass.CodeGen.V128BinOp;
using Un = WasmSharp.Singlepass.CodeGen.V128UnOp;

namespace WasmSharp.Singlepass.Arm64;

// 128-bit SIMD arithmetic on NEON. Where NEON differs from Wasm: register shifts are not masked (the count is
// masked here, and negated for right shifts, which NEON does by shifting left by a negative count); there is no
// 64-bit lane multiply (through general registers) and no movemask (sign masks weighted by lane bit, then added).
// fmin/fmax, fcvtzs/fcvtzu (saturating, NaN → 0), tbl (out of range → 0), sqrdmulh and the saturating narrowings
// are Wasm's operators as they are.
internal sealed partial class Arm64MacroAssembler
{
    public override void V128Binary(Bin op, Reg dst, Reg lhs, Reg rhs)
    {
        Island();
        VReg d = V(dst), l = V(lhs), r = V(rhs);
        switch (op)
        {
            case Bin.V128And: _a.VecLogic(NeonLogicOp.And, d, l, r); return;
            case Bin.V128Andnot: _a.VecLogic(NeonLogicOp.Bic, d, l, r); return;
            case Bin.V128Or: _a.VecLogic(NeonLogicOp.Orr, d, l, r); return;
            case Bin.V128Xor: _a.VecLogic(NeonLogicOp.Eor, d, l, r); return;
            case Bin.I8x16Swizzle: _a.Tbl(d, l, 1, r); return;
            case >= Bin.I8x16Eq and <= Bin.I32x4GeU: IntCompare(op, d, l, r); return;
            case >= Bin.I64x2Eq and <= Bin.I64x2GeS: Int64Compare(op, d, l, r); return;
            case >= Bin.F32x4Eq and <= Bin.F64x2Ge: FloatCompare(op, d, l, r); return;
            case Bin.I8x16NarrowI16x8S: Narrow(NeonMiscOp.Sqxtn, VSize.B, d, l, r); return;
            case Bin.I8x16NarrowI16x8U: Narrow(NeonMiscOp.Sqxtun, VSize.B, d, l, r); return;
            case Bin.I16x8NarrowI32x4S: Narrow(NeonMiscOp.Sqxtn, VSize.H, d, l, r); return;
            case Bin.I16x8NarrowI32x4U: Narrow(NeonMiscOp.Sqxtun, VSize.H, d, l, r); return;
            case Bin.I8x16Add: _a.Vec3(Neon3Op.Add, VSize.B, d, l, r); return;
            case Bin.I8x16AddSatS: _a.Vec3(Neon3Op.Sqadd, VSize.B, d, l, r); return;
            case Bin.I8x16AddSatU: _a.Vec3(Neon3Op.Uqadd, VSize.B, d, l, r); return;
            case Bin.I8x16Sub: _a.Vec3(Neon3Op.Sub, VSize.B, d, l, r); return;
            case Bin.I8x16SubSatS: _a.Vec3(Neon3Op.Sqsub, VSize.B, d, l, r); return;
            case Bin.I8x16SubSatU: _a.Vec3(Neon3Op.Uqsub, VSize.B, d, l, r); return;
            case Bin.I8x16MinS: _a.Vec3(Neon3Op.Smin, VSize.B, d, l, r); return;
            case Bin.I8x16MinU: _a.Vec3(Neon3Op.Umin, VSize.B, d, l, r); return;
            case Bin.I8x16MaxS: _a.Vec3(Neon3Op.Smax, VSize.B, d, l, r); return;
            case Bin.I8x16MaxU: _a.Vec3(Neon3Op.Umax, VSize.B, d, l, r); return;
            case Bin.I8x16AvgrU: _a.Vec3(Neon3Op.Urhadd, VSize.B, d, l, r); return;
            case Bin.I16x8Add: _a.Vec3(Neon3Op.Add, VSize.H, d, l, r); return;
            case Bin.I16x8AddSatS: _a.Vec3(Neon3Op.Sqadd, VSize.H, d, l, r); return;
            case Bin.I16x8AddSatU: _a.Vec3(Neon3Op.Uqadd, VSize.H, d, l, r); return;
            case Bin.I16x8Sub: _a.Vec3(Neon3Op.Sub, VSize.H, d, l, r); return;
            case Bin.I16x8SubSatS: _a.Vec3(Neon3Op.Sqsub, VSize.H, d, l, r); return;
            case Bin.I16x8SubSatU: _a.Vec3(Neon3Op.Uqsub, VSize.H, d, l, r); return;
            case Bin.I16x8Mul: _a.Vec3(Neon3Op.Mul, VSize.H, d, l, r); return;
            case Bin.I16x8MinS: _a.Vec3(Neon3Op.Smin, VSize.H, d, l, r); return;
            case Bin.I16x8MinU: _a.Vec3(Neon3Op.Umin, VSize.H, d, l, r); return;
            case Bin.I16x8MaxS: _a.Vec3(Neon3Op.Smax, VSize.H, d, l, r); return;
            case Bin.I16x8MaxU: _a.Vec3(Neon3Op.Umax, VSize.H, d, l, r); return;
            case Bin.I16x8AvgrU: _a.Vec3(Neon3Op.Urhadd, VSize.H, d, l, r); return;
            // sqrdmulh saturates -32768 * -32768 to 32767, exactly q15mulr_sat_s
            case Bin.I16x8Q15mulrSatS: _a.Vec3(Neon3Op.Sqrdmulh, VSize.H, d, l, r); return;
            case Bin.I16x8ExtmulLowI8x16S: _a.VecMull(false, VSize.B, d, l, r, high: false); return;
            case Bin.I16x8ExtmulHighI8x16S: _a.VecMull(false, VSize.B, d, l, r, high: true); return;
            case Bin.I16x8ExtmulLowI8x16U: _a.VecMull(true, VSize.B, d, l, r, high: false); return;
            case Bin.I16x8ExtmulHighI8x16U: _a.VecMull(true, VSize.B, d, l, r, high: true); return;
            case Bin.I32x4Add: _a.Vec3(Neon3Op.Add, VSize.S, d, l, r); return;
            case Bin.I32x4Sub: _a.Vec3(Neon3Op.Sub, VSize.S, d, l, r); return;
            case Bin.I32x4Mul: _a.Vec3(Neon3Op.Mul, VSize.S, d, l, r); return;
            case Bin.I32x4MinS: _a.Vec3(Neon3Op.Smin, VSize.S, d, l, r); return;
            case Bin.I32x4MinU: _a.Vec3(Neon3Op.Umin, VSize.S, d, l, r); return;
            case Bin.I32x4MaxS: _a.Vec3(Neon3Op.Smax, VSize.S, d, l, r); return;
            case Bin.I32x4MaxU: _a.Vec3(Neon3Op.Umax, VSize.S, d, l, r); return;
            case Bin.I32x4DotI16x8S: Dot(d, l, r); return;
            case Bin.I32x4ExtmulLowI16x8S: _a.VecMull(false, VSize.H, d, l, r, high: false); return;
            case Bin.I32x4ExtmulHighI16x8S: _a.VecMull(false, VSize.H, d, l, r, high: true); return;
            case Bin.I32x4ExtmulLowI16x8U: _a.VecMull(true, VSize.H, d, l, r, high: false); return;
            case Bin.I32x4ExtmulHighI16x8U: _a.VecMull(true, VSize.H, d, l, r, high: true); return;
            case Bin.I64x2Add: _a.Vec3(Neon3Op.Add, VSize.D, d, l, r); return;
            case Bin.I64x2Sub: _a.Vec3(Neon3Op.Sub, VSize.D, d, l, r); return;
            case Bin.I64x2Mul: Int64Mul(d, l, r); return;
            case Bin.I64x2ExtmulLowI32x4S: _a.VecMull(false, VSize.S, d, l, r, high: false); return;
            case Bin.I64x2ExtmulHighI32x4S: _a.VecMull(false, VSize.S, d, l, r, high: true); return;
            case Bin.I64x2ExtmulLowI32x4U: _a.VecMull(true, VSize.S, d, l, r, high: false); return;
            case Bin.I64x2ExtmulHighI32x4U: _a.VecMull(true, VSize.S, d, l, r, high: true); return;
            case Bin.F32x4Add or Bin.F64x2Add: _a.VecFp3(NeonFp3Op.Fadd, op == Bin.F64x2Add, d, l, r); return;
            case Bin.F32x4Sub or Bin.F64x2Sub: _a.VecFp3(NeonFp3Op.Fsub, op == Bin.F64x2Sub, d, l, r); return;
            case Bin.F32x4Mul or Bin.F64x2Mul: _a.VecFp3(NeonFp3Op.Fmul, op == Bin.F64x2Mul, d, l, r); return;
            case Bin.F32x4Div or Bin.F64x2Div: _a.VecFp3(NeonFp3Op.Fdiv, op == Bin.F64x2Div, d, l, r); return;
            case Bin.F32x4Min or Bin.F64x2Min: _a.VecFp3(NeonFp3Op.Fmin, op == Bin.F64x2Min, d, l, r); return;
            case Bin.F32x4Max or Bin.F64x2Max: _a.VecFp3(NeonFp3Op.Fmax, op == Bin.F64x2Max, d, l, r); return;
            // pmin = r < l ? r : l; pmax = l < r ? r : l: a mask from fcmgt picks r, anything else (NaN) l
            case Bin.F32x4Pmin or Bin.F64x2Pmin: PseudoMinMax(op == Bin.F64x2Pmin, d, l, r, gtLhs: l, gtRhs: r); return;
            case Bin.F32x4Pmax or Bin.F64x2Pmax: PseudoMinMax(op == Bin.F64x2Pmax, d, l, r, gtLhs: r, gtRhs: l); return;
            default: throw NoSimd(op);
        }
    }

    /// <summary>Integer compares: NEON has eq, gt, ge (signed: cmgt/cmge; unsigned: cmhi/cmhs); lt and le swap the
    /// operands; ne inverts eq.</summary>
    private void IntCompare(Bin op, VReg d, VReg l, VReg r)
    {
        int index = op - Bin.I8x16Eq;
        var size = (VSize)(index / 10);
        switch ((Bin)((int)Bin.I8x16Eq + index % 10))
        {
            case Bin.I8x16Eq: _a.Vec3(Neon3Op.Cmeq, size, d, l, r); return;
            case Bin.I8x16Ne: _a.Vec3(Neon3Op.Cmeq, size, d, l, r); _a.VecMisc(NeonMiscOp.Not, VSize.B, d, d); return;
            case Bin.I8x16LtS: _a.Vec3(Neon3Op.Cmgt, size, d, r, l); return;
            case Bin.I8x16LtU: _a.Vec3(Neon3Op.Cmhi, size, d, r, l); return;
            case Bin.I8x16GtS: _a.Vec3(Neon3Op.Cmgt, size, d, l, r); return;
            case Bin.I8x16GtU: _a.Vec3(Neon3Op.Cmhi, size, d, l, r); return;
            case Bin.I8x16LeS: _a.Vec3(Neon3Op.Cmge, size, d, r, l); return;
            case Bin.I8x16LeU: _a.Vec3(Neon3Op.Cmhs, size, d, r, l); return;
            case Bin.I8x16GeS: _a.Vec3(Neon3Op.Cmge, size, d, l, r); return;
            default: _a.Vec3(Neon3Op.Cmhs, size, d, l, r); return;
        }
    }

    private void Int64Compare(Bin op, VReg d, VReg l, VReg r)
    {
        switch (op)
        {
            case Bin.I64x2Eq: _a.Vec3(Neon3Op.Cmeq, VSize.D, d, l, r); return;
            case Bin.I64x2Ne: _a.Vec3(Neon3Op.Cmeq, VSize.D, d, l, r); _a.VecMisc(NeonMiscOp.Not, VSize.B, d, d); return;
            case Bin.I64x2LtS: _a.Vec3(Neon3Op.Cmgt, VSize.D, d, r, l); return;
            case Bin.I64x2GtS: _a.Vec3(Neon3Op.Cmgt, VSize.D, d, l, r); return;
            case Bin.I64x2LeS: _a.Vec3(Neon3Op.Cmge, VSize.D, d, r, l); return;
            default: _a.Vec3(Neon3Op.Cmge, VSize.D, d, l, r); return;
        }
    }

    /// <summary>Float compares are false for NaN lanes except ne (the inverted eq), as Wasm wants.</summary>
    private void FloatCompare(Bin op, VReg d, VReg l, VReg r)
    {
        bool is64 = op >= Bin.F64x2Eq;
        switch ((Bin)((int)Bin.F32x4Eq + (op - (is64 ? Bin.F64x2Eq : Bin.F32x4Eq))))
        {
            case Bin.F32x4Eq: _a.VecFp3(NeonFp3Op.Fcmeq, is64, d, l, r); return;
            case Bin.F32x4Ne: _a.VecFp3(NeonFp3Op.Fcmeq, is64, d, l, r); _a.VecMisc(NeonMiscOp.Not, VSize.B, d, d); return;
            case Bin.F32x4Lt: _a.VecFp3(NeonFp3Op.Fcmgt, is64, d, r, l); return;
            case Bin.F32x4Gt: _a.VecFp3(NeonFp3Op.Fcmgt, is64, d, l, r); return;
            case Bin.F32x4Le: _a.VecFp3(NeonFp3Op.Fcmge, is64, d, r, l); return;
            default: _a.VecFp3(NeonFp3Op.Fcmge, is64, d, l, r); return;
        }
    }

    /// <summary>Low half from <paramref name="l"/>, high half from <paramref name="r"/>, built in a scratch register
    /// since writing the low half first would clobber an <paramref name="r"/> that is also dst.</summary>
    private void Narrow(NeonMiscOp op, VSize to, VReg d, VReg l, VReg r)
    {
        using var s = Scratch();
        var t = FTmp(s);
        _a.VecMisc(op, to, t, l, q: false);
        _a.VecMisc(op, to, t, r, q: true);
        _a.VecMov(d, t);
    }

    /// <summary>i32x4.dot_i16x8_s: the products of each half widened, then pairs added.</summary>
    private void Dot(VReg d, VReg l, VReg r)
    {
        using var s = Scratch();
        VReg lo = FTmp(s), hi = FTmp(s);
        _a.VecMull(false, VSize.H, lo, l, r, high: false);
        _a.VecMull(false, VSize.H, hi, l, r, high: true);
        _a.Vec3(Neon3Op.Addp, VSize.S, d, lo, hi);
    }

    /// <summary>NEON has no 64-bit lane multiply: each lane is multiplied in general registers.</summary>
    private void Int64Mul(VReg d, VReg l, VReg r)
    {
        using var s = Scratch();
        XReg a = Tmp(s), b = Tmp(s), c = Tmp(s);
        _a.Umov(VSize.D, a, l, 0);
        _a.Umov(VSize.D, b, r, 0);
        _a.Mul(RegWidth.X, a, a, b);
        _a.Umov(VSize.D, c, l, 1);
        _a.Umov(VSize.D, b, r, 1);
        _a.Mul(RegWidth.X, c, c, b);
        _a.FmovFromGpr(RegWidth.X, d, a);
        _a.InsGeneral(VSize.D, d, 1, c);
    }

    /// <summary>mask = gtLhs &gt; gtRhs lane-wise; dst = mask ? r : l.</summary>
    private void PseudoMinMax(bool is64, VReg d, VReg l, VReg r, VReg gtLhs, VReg gtRhs)
    {
        using var s = Scratch();
        var m = FTmp(s);
        _a.VecFp3(NeonFp3Op.Fcmgt, is64, m, gtLhs, gtRhs);
        _a.VecLogic(NeonLogicOp.Bsl, m, r, l);
        _a.VecMov(d, m);
    }

    public override void V128Unary(Un op, Reg dst, Reg src)
    {
        Island();
        VReg d = V(dst), n = V(src);
        switch (op)
        {
            case Un.V128Not: _a.VecMisc(NeonMiscOp.Not, VSize.B, d, n); return;
            case Un.I8x16Abs: _a.VecMisc(NeonMiscOp.Abs, VSize.B, d, n); return;
            case Un.I8x16Neg: _a.VecMisc(NeonMiscOp.Neg, VSize.B, d, n); return;
            case Un.I8x16Popcnt: _a.VecMisc(NeonMiscOp.Cnt, VSize.B, d, n); return;
            case Un.I16x8Abs: _a.VecMisc(NeonMiscOp.Abs, VSize.H, d, n); return;
            case Un.I16x8Neg: _a.VecMisc(NeonMiscOp.Neg, VSize.H, d, n); return;
            case Un.I32x4Abs: _a.VecMisc(NeonMiscOp.Abs, VSize.S, d, n); return;
            case Un.I32x4Neg: _a.VecMisc(NeonMiscOp.Neg, VSize.S, d, n); return;
            case Un.I64x2Abs: _a.VecMisc(NeonMiscOp.Abs, VSize.D, d, n); return;
            case Un.I64x2Neg: _a.VecMisc(NeonMiscOp.Neg, VSize.D, d, n); return;
            case Un.I16x8ExtaddPairwiseI8x16S: _a.VecMisc(NeonMiscOp.Saddlp, VSize.B, d, n); return;
            case Un.I16x8ExtaddPairwiseI8x16U: _a.VecMisc(NeonMiscOp.Uaddlp, VSize.B, d, n); return;
            case Un.I32x4ExtaddPairwiseI16x8S: _a.VecMisc(NeonMiscOp.Saddlp, VSize.H, d, n); return;
            case Un.I32x4ExtaddPairwiseI16x8U: _a.VecMisc(NeonMiscOp.Uaddlp, VSize.H, d, n); return;
            case >= Un.I16x8ExtendLowI8x16S and <= Un.I64x2ExtendHighI32x4U:
            {
                int i = op - Un.I16x8ExtendLowI8x16S;
                bool high = (i & 1) != 0, unsigned = (i & 2) != 0;
                _a.VecShiftImm(unsigned ? NeonShiftImmOp.Ushll : NeonShiftImmOp.Sshll, (VSize)(i / 4), d, n, 0, q: high);
                return;
            }
            case Un.F32x4Abs or Un.F64x2Abs: _a.VecMiscFp(NeonMiscOp.Fabs, op == Un.F64x2Abs, d, n); return;
            case Un.F32x4Neg or Un.F64x2Neg: _a.VecMiscFp(NeonMiscOp.Fneg, op == Un.F64x2Neg, d, n); return;
            case Un.F32x4Sqrt or Un.F64x2Sqrt: _a.VecMiscFp(NeonMiscOp.Fsqrt, op == Un.F64x2Sqrt, d, n); return;
            case Un.F32x4Ceil or Un.F64x2Ceil: _a.VecMiscFp(NeonMiscOp.Frintp, op == Un.F64x2Ceil, d, n); return;
            case Un.F32x4Floor or Un.F64x2Floor: _a.VecMiscFp(NeonMiscOp.Frintm, op == Un.F64x2Floor, d, n); return;
            case Un.F32x4Trunc or Un.F64x2Trunc: _a.VecMiscFp(NeonMiscOp.Frintz, op == Un.F64x2Trunc, d, n); return;
            case Un.F32x4Nearest or Un.F64x2Nearest: _a.VecMiscFp(NeonMiscOp.Frintn, op == Un.F64x2Nearest, d, n); return;
            case Un.I32x4TruncSatF32x4S: _a.VecMiscFp(NeonMiscOp.Fcvtzs, false, d, n); return;
            case Un.I32x4TruncSatF32x4U: _a.VecMiscFp(NeonMiscOp.Fcvtzu, false, d, n); return;
            case Un.F32x4ConvertI32x4S: _a.VecMiscFp(NeonMiscOp.Scvtf, false, d, n); return;
            case Un.F32x4ConvertI32x4U: _a.VecMiscFp(NeonMiscOp.Ucvtf, false, d, n); return;
            // the saturating 64-bit results narrowed with saturation; the 64-bit form clears the upper half
            case Un.I32x4TruncSatF64x2SZero:
                _a.VecMiscFp(NeonMiscOp.Fcvtzs, true, d, n);
                _a.VecMisc(NeonMiscOp.Sqxtn, VSize.S, d, d, q: false);
                return;
            case Un.I32x4TruncSatF64x2UZero:
                _a.VecMiscFp(NeonMiscOp.Fcvtzu, true, d, n);
                _a.VecMisc(NeonMiscOp.Uqxtn, VSize.S, d, d, q: false);
                return;
            case Un.F64x2ConvertLowI32x4S:
                _a.VecShiftImm(NeonShiftImmOp.Sshll, VSize.S, d, n, 0, q: false);
                _a.VecMiscFp(NeonMiscOp.Scvtf, true, d, d);
                return;
            case Un.F64x2ConvertLowI32x4U:
                _a.VecShiftImm(NeonShiftImmOp.Ushll, VSize.S, d, n, 0, q: false);
                _a.VecMiscFp(NeonMiscOp.Ucvtf, true, d, d);
                return;
            case Un.F32x4DemoteF64x2Zero: _a.VecMiscFp(NeonMiscOp.Fcvtn, true, d, n, q: false); return;
            case Un.F64x2PromoteLowF32x4: _a.VecMiscFp(NeonMiscOp.Fcvtl, true, d, n, q: false); return;
            default: throw NoSimd(op);
        }
    }

    public override void V128Shift(V128ShiftOp op, Reg dst, Reg lhs, Operand count)
    {
        Island();
        int i = (int)op;
        var size = (VSize)(i / 3);
        int kind = i % 3; // shl, shr_s, shr_u
        int bits = 8 << (int)size;
        VReg d = V(dst), l = V(lhs);
        if (count.IsImm)
        {
            int n = (int)(count.Imm & (bits - 1));
            if (n == 0) { if (d != l) _a.VecMov(d, l); return; }
            var imm = kind switch { 0 => NeonShiftImmOp.Shl, 1 => NeonShiftImmOp.Sshr, _ => NeonShiftImmOp.Ushr };
            _a.VecShiftImm(imm, size, d, l, n);
            return;
        }
        // NEON shifts by the signed low byte of each lane, unmasked: mask the count, negate it for right shifts
        using var s = Scratch();
        var c = Tmp(s);
        var v = FTmp(s);
        _a.LogicImm(LogicOp.And, RegWidth.W, c, X(count.Reg), (ulong)(bits - 1));
        if (kind != 0) _a.Neg(RegWidth.W, c, c);
        _a.DupGeneral(size, v, c);
        _a.Vec3(kind == 2 ? Neon3Op.Ushl : Neon3Op.Sshl, size, d, l, v);
    }

    public override void V128Test(V128TestOp op, Reg dst, Reg src)
    {
        Island();
        using var s = Scratch();
        VReg n = V(src), t = FTmp(s);
        XReg d = X(dst);
        switch (op)
        {
            case V128TestOp.V128AnyTrue:
                _a.VecAcross(NeonAcrossOp.Umaxv, VSize.S, t, n);
                NonZero(d, t, zero: false);
                return;
            case V128TestOp.I8x16AllTrue: _a.VecAcross(NeonAcrossOp.Uminv, VSize.B, t, n); NonZero(d, t, zero: false); return;
            case V128TestOp.I16x8AllTrue: _a.VecAcross(NeonAcrossOp.Uminv, VSize.H, t, n); NonZero(d, t, zero: false); return;
            case V128TestOp.I32x4AllTrue: _a.VecAcross(NeonAcrossOp.Uminv, VSize.S, t, n); NonZero(d, t, zero: false); return;
            case V128TestOp.I64x2AllTrue:
                // lanes that are zero become all ones: all true when none is
                _a.VecMisc(NeonMiscOp.CmeqZero, VSize.D, t, n);
                _a.VecAcross(NeonAcrossOp.Umaxv, VSize.S, t, t);
                NonZero(d, t, zero: true);
                return;
            default: Bitmask(op, d, n, t, FTmp(s)); return;
        }
    }

    /// <summary>d = (lane 0 of t, as 32 bits) != 0, or == 0 when <paramref name="zero"/>.</summary>
    private void NonZero(XReg d, VReg t, bool zero)
    {
        _a.FmovToGpr(RegWidth.W, d, t);
        _a.CmpImm(RegWidth.W, d, 0);
        _a.Cset(RegWidth.W, d, zero ? Cond.Eq : Cond.Ne);
    }

    /// <summary>No movemask on NEON: each lane's sign spread over the lane (sshr), anded with the lane's bit, then
    /// all lanes added (bytes: the two halves interleaved so one 16-bit add covers both).</summary>
    private void Bitmask(V128TestOp op, XReg d, VReg n, VReg t, VReg w)
    {
        switch (op)
        {
            case V128TestOp.I8x16Bitmask:
                _a.VecShiftImm(NeonShiftImmOp.Sshr, VSize.B, t, n, 8);
                VecConst(w, 0x8040_2010_0804_0201UL, 0x8040_2010_0804_0201UL);
                _a.VecLogic(NeonLogicOp.And, t, t, w);
                _a.Ext(w, t, t, 8);
                _a.Permute(NeonPermuteOp.Zip1, VSize.B, t, t, w);
                _a.VecAcross(NeonAcrossOp.Addv, VSize.H, t, t);
                _a.Umov(VSize.H, d, t, 0);
                return;
            case V128TestOp.I16x8Bitmask:
                _a.VecShiftImm(NeonShiftImmOp.Sshr, VSize.H, t, n, 16);
                VecConst(w, 0x0008_0004_0002_0001UL, 0x0080_0040_0020_0010UL);
                _a.VecLogic(NeonLogicOp.And, t, t, w);
                _a.VecAcross(NeonAcrossOp.Addv, VSize.H, t, t);
                _a.Umov(VSize.H, d, t, 0);
                return;
            case V128TestOp.I32x4Bitmask:
                _a.VecShiftImm(NeonShiftImmOp.Sshr, VSize.S, t, n, 32);
                VecConst(w, 0x0000_0002_0000_0001UL, 0x0000_0008_0000_0004UL);
                _a.VecLogic(NeonLogicOp.And, t, t, w);
                _a.VecAcross(NeonAcrossOp.Addv, VSize.S, t, t);
                _a.FmovToGpr(RegWidth.W, d, t);
                return;
            case V128TestOp.I64x2Bitmask:
                _a.VecShiftImm(NeonShiftImmOp.Sshr, VSize.D, t, n, 64);
                VecConst(w, 1, 2);
                _a.VecLogic(NeonLogicOp.And, t, t, w);
                _a.AddpScalar(t, t);
                _a.FmovToGpr(RegWidth.W, d, t);
                return;
            default: throw NoSimd(op);
        }
    }
}
