using WasmSharp.Singlepass.CodeGen;
using static WasmSharp.Singlepass.CodeGen.V128BinOp;

namespace WasmSharp.Singlepass.X64;

// 128-bit SIMD: binary operators (integer and float), lane-wise shifts and reductions to i32.
internal sealed partial class X64MacroAssembler
{
    /// <summary>Operators that are one instruction, and whether that instruction is commutative.</summary>
    private static (SseOp Op, bool Commutative)? Direct(V128BinOp op) => op switch
    {
        V128And => (SseOp.Pand, true), V128Or => (SseOp.Por, true), V128Xor => (SseOp.Pxor, true),
        I8x16Eq => (SseOp.Pcmpeqb, true), I16x8Eq => (SseOp.Pcmpeqw, true),
        I32x4Eq => (SseOp.Pcmpeqd, true), I64x2Eq => (SseOp.Pcmpeqq, true),
        I8x16GtS => (SseOp.Pcmpgtb, false), I16x8GtS => (SseOp.Pcmpgtw, false),
        I32x4GtS => (SseOp.Pcmpgtd, false), I64x2GtS => (SseOp.Pcmpgtq, false),
        I8x16NarrowI16x8S => (SseOp.Packsswb, false), I8x16NarrowI16x8U => (SseOp.Packuswb, false),
        I16x8NarrowI32x4S => (SseOp.Packssdw, false), I16x8NarrowI32x4U => (SseOp.Packusdw, false),
        I8x16Add => (SseOp.Paddb, true), I8x16AddSatS => (SseOp.Paddsb, true), I8x16AddSatU => (SseOp.Paddusb, true),
        I8x16Sub => (SseOp.Psubb, false), I8x16SubSatS => (SseOp.Psubsb, false), I8x16SubSatU => (SseOp.Psubusb, false),
        I8x16MinS => (SseOp.Pminsb, true), I8x16MinU => (SseOp.Pminub, true),
        I8x16MaxS => (SseOp.Pmaxsb, true), I8x16MaxU => (SseOp.Pmaxub, true), I8x16AvgrU => (SseOp.Pavgb, true),
        I16x8Add => (SseOp.Paddw, true), I16x8AddSatS => (SseOp.Paddsw, true), I16x8AddSatU => (SseOp.Paddusw, true),
        I16x8Sub => (SseOp.Psubw, false), I16x8SubSatS => (SseOp.Psubsw, false), I16x8SubSatU => (SseOp.Psubusw, false),
        I16x8Mul => (SseOp.Pmullw, true),
        I16x8MinS => (SseOp.Pminsw, true), I16x8MinU => (SseOp.Pminuw, true),
        I16x8MaxS => (SseOp.Pmaxsw, true), I16x8MaxU => (SseOp.Pmaxuw, true), I16x8AvgrU => (SseOp.Pavgw, true),
        I32x4Add => (SseOp.Paddd, true), I32x4Sub => (SseOp.Psubd, false), I32x4Mul => (SseOp.Pmulld, true),
        I32x4MinS => (SseOp.Pminsd, true), I32x4MinU => (SseOp.Pminud, true),
        I32x4MaxS => (SseOp.Pmaxsd, true), I32x4MaxU => (SseOp.Pmaxud, true),
        I32x4DotI16x8S => (SseOp.Pmaddwd, true),
        I64x2Add => (SseOp.Paddq, true), I64x2Sub => (SseOp.Psubq, false),
        F32x4Add => (SseOp.Addps, true), F32x4Sub => (SseOp.Subps, false),
        F32x4Mul => (SseOp.Mulps, true), F32x4Div => (SseOp.Divps, false),
        F64x2Add => (SseOp.Addpd, true), F64x2Sub => (SseOp.Subpd, false),
        F64x2Mul => (SseOp.Mulpd, true), F64x2Div => (SseOp.Divpd, false),
        _ => null,
    };

    public override void V128Binary(V128BinOp op, Reg dst, Reg lhs, Reg rhs)
    {
        Xmm d = X(dst), a = X(lhs), b = X(rhs);
        if (Direct(op) is { } direct)
        {
            V(direct.Op, d, a, b, direct.Commutative);
            return;
        }
        switch (op)
        {
            case V128Andnot: V(SseOp.Pandn, d, b, a); return;
            case I8x16Swizzle: Swizzle(d, a, b); return;
            case >= I8x16Eq and <= I64x2GeS: IntCompare(op, d, a, b); return;
            case >= F32x4Eq and <= F64x2Ge: FloatCompare(op, d, a, b); return;
            case I16x8Q15mulrSatS: Q15MulrSat(d, a, b); return;
            case >= I16x8ExtmulLowI8x16S and <= I16x8ExtmulHighI8x16U: ExtMul16(op - I16x8ExtmulLowI8x16S, d, a, b); return;
            case >= I32x4ExtmulLowI16x8S and <= I32x4ExtmulHighI16x8U: ExtMul32(op - I32x4ExtmulLowI16x8S, d, a, b); return;
            case >= I64x2ExtmulLowI32x4S and <= I64x2ExtmulHighI32x4U: ExtMul64(op - I64x2ExtmulLowI32x4S, d, a, b); return;
            case I64x2Mul: I64Mul(d, a, b); return;
            case F32x4Min or F64x2Min: FloatMin(op == F64x2Min, d, a, b); return;
            case F32x4Max or F64x2Max: FloatMax(op == F64x2Max, d, a, b); return;
            // minps/maxps return their second operand when the comparison fails (NaN or equal): exactly pmin/pmax
            case F32x4Pmin: V(SseOp.Minps, d, b, a); return;
            case F32x4Pmax: V(SseOp.Maxps, d, b, a); return;
            case F64x2Pmin: V(SseOp.Minpd, d, b, a); return;
            case F64x2Pmax: V(SseOp.Maxpd, d, b, a); return;
        }
        throw new InvalidOperationException($"x64: no lowering for {op}");
    }

    /// <summary>Indices of 16 and up must give 0: a saturating add of 0x70 sets bit 7 (pshufb's zeroing bit) in
    /// every such index and keeps the low four bits of the others.</summary>
    private void Swizzle(Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        var t = X(s.Float());
        V(SseOp.Paddusb, t, b, Splat8(0x70));
        V(SseOp.Pshufb, d, a, t);
    }

    private void IntCompare(V128BinOp op, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        var t = X(s.Float());
        // by lane shape: eq, gt_s, min_s, max_s, min_u, max_u
        (SseOp eq, SseOp gt, SseOp minS, SseOp maxS, SseOp minU, SseOp maxU) ops = op switch
        {
            <= I8x16GeU => (SseOp.Pcmpeqb, SseOp.Pcmpgtb, SseOp.Pminsb, SseOp.Pmaxsb, SseOp.Pminub, SseOp.Pmaxub),
            <= I16x8GeU => (SseOp.Pcmpeqw, SseOp.Pcmpgtw, SseOp.Pminsw, SseOp.Pmaxsw, SseOp.Pminuw, SseOp.Pmaxuw),
            <= I32x4GeU => (SseOp.Pcmpeqd, SseOp.Pcmpgtd, SseOp.Pminsd, SseOp.Pmaxsd, SseOp.Pminud, SseOp.Pmaxud),
            _ => (SseOp.Pcmpeqq, SseOp.Pcmpgtq, default, default, default, default),
        };
        // by comparison: I64x2 has only eq ne lt_s gt_s le_s ge_s
        int k = op >= I64x2Eq
            ? (op - I64x2Eq) switch { 0 => 0, 1 => 1, 2 => 2, 3 => 4, 4 => 6, _ => 8 }
            : (op - I8x16Eq) % 10;
        bool is64 = op >= I64x2Eq;
        switch (k)
        {
            case 0: VC(ops.eq, d, a, b); return;
            case 1: VC(ops.eq, d, a, b); Not(d, d, t); return;
            case 2: V(ops.gt, d, b, a); return; // lt_s
            case 4: V(ops.gt, d, a, b); return; // gt_s
            case 6 when is64: V(ops.gt, d, a, b); Not(d, d, t); return; // le_s
            case 8 when is64: V(ops.gt, d, b, a); Not(d, d, t); return; // ge_s
            case 6: MinMaxEq(ops.minS, ops.eq, d, a, b, t); return; // le_s: min(a, b) == a
            case 8: MinMaxEq(ops.maxS, ops.eq, d, a, b, t); return; // ge_s: max(a, b) == a
            case 7: MinMaxEq(ops.minU, ops.eq, d, a, b, t); return; // le_u
            case 9: MinMaxEq(ops.maxU, ops.eq, d, a, b, t); return; // ge_u
            case 5: MinMaxEq(ops.minU, ops.eq, d, a, b, t); Not(d, d, t); return; // gt_u = !le_u
            default: MinMaxEq(ops.maxU, ops.eq, d, a, b, t); Not(d, d, t); return; // lt_u = !ge_u
        }
    }

    /// <summary><c>d = (minmax(a, b) == a)</c>, through <paramref name="t"/>.</summary>
    private void MinMaxEq(SseOp minMax, SseOp eq, Xmm d, Xmm a, Xmm b, Xmm t)
    {
        VC(minMax, t, a, b);
        VC(eq, d, a, t);
    }

    private void FloatCompare(V128BinOp op, Xmm d, Xmm a, Xmm b)
    {
        bool is64 = op >= F64x2Eq;
        var cmp = is64 ? SseOp.Cmppd : SseOp.Cmpps;
        // cmpps predicates: 0 eq, 1 lt, 2 le, 4 neq (true on unordered, as Wasm's ne)
        switch (op - (is64 ? F64x2Eq : F32x4Eq))
        {
            case 0: V(cmp, d, a, b, 0); return;
            case 1: V(cmp, d, a, b, 4); return;
            case 2: V(cmp, d, a, b, 1); return;
            case 3: V(cmp, d, b, a, 1); return;
            case 4: V(cmp, d, a, b, 2); return;
            default: V(cmp, d, b, a, 2); return;
        }
    }

    /// <summary>pmulhrsw is q15mulr_sat except for -1 * -1 (0x8000 * 0x8000), which it wraps to 0x8000.</summary>
    private void Q15MulrSat(Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        var t = X(s.Float());
        VC(SseOp.Pmulhrsw, d, a, b);
        V(SseOp.Pcmpeqw, t, d, Splat16(0x8000));
        VC(SseOp.Pxor, d, d, t);
    }

    /// <summary>i16x8.extmul_{low,high}_i8x16_{s,u}: widen both halves, then pmullw.</summary>
    private void ExtMul16(int k, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        bool high = (k & 1) != 0, signed = k < 2;
        var widen = signed ? SseOp.Pmovsxbw : SseOp.Pmovzxbw;
        HalfWiden(widen, high, t1, a);
        HalfWiden(widen, high, t2, b);
        VC(SseOp.Pmullw, d, t1, t2);
    }

    /// <summary><c>d = widen(low or high 64 bits of s)</c>.</summary>
    private void HalfWiden(SseOp widen, bool high, Xmm d, Xmm s)
    {
        if (high)
        {
            U(SseOp.Pshufd, d, s, 0xEE);
            U(widen, d, d);
        }
        else U(widen, d, s);
    }

    /// <summary>i32x4.extmul from i16x8: the low and high halves of the 32-bit products, interleaved.</summary>
    private void ExtMul32(int k, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm lo = X(s.Float()), hi = X(s.Float());
        bool high = (k & 1) != 0, signed = k < 2;
        VC(SseOp.Pmullw, lo, a, b);
        VC(signed ? SseOp.Pmulhw : SseOp.Pmulhuw, hi, a, b);
        V(high ? SseOp.Punpckhwd : SseOp.Punpcklwd, d, lo, hi);
    }

    /// <summary>i64x2.extmul from i32x4: pmuldq/pmuludq multiply lanes 0 and 2, so the wanted lanes go there first.</summary>
    private void ExtMul64(int k, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        bool high = (k & 1) != 0, signed = k < 2;
        int order = high ? 0xFA : 0x50;
        U(SseOp.Pshufd, t1, a, order);
        U(SseOp.Pshufd, t2, b, order);
        VC(signed ? SseOp.Pmuldq : SseOp.Pmuludq, d, t1, t2);
    }

    /// <summary>i64x2.mul from 32-bit multiplies: lo*lo + ((hi(a)*lo(b) + lo(a)*hi(b)) &lt;&lt; 32).</summary>
    private void I64Mul(Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        ShiftBy(SseOp.PsrlqImm, t1, a, 32);
        VC(SseOp.Pmuludq, t1, t1, b);
        ShiftBy(SseOp.PsrlqImm, t2, b, 32);
        VC(SseOp.Pmuludq, t2, t2, a);
        VC(SseOp.Paddq, t1, t1, t2);
        ShiftBy(SseOp.PsllqImm, t1, t1, 32);
        VC(SseOp.Pmuludq, d, a, b);
        VC(SseOp.Paddq, d, d, t1);
    }

    /// <summary>Wasm min: NaN if either is NaN, and -0 below +0. minps in both orders, or-ed, catches both
    /// (minps returns its second operand on NaN and on equal values); NaN lanes are then made quiet NaNs.</summary>
    private void FloatMin(bool is64, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        V(is64 ? SseOp.Minpd : SseOp.Minps, t1, a, b);
        V(is64 ? SseOp.Minpd : SseOp.Minps, t2, b, a);
        VC(SseOp.Orps, t1, t1, t2);
        V(is64 ? SseOp.Cmppd : SseOp.Cmpps, t2, t2, t1, 3);
        VC(SseOp.Orps, t1, t1, t2);
        ShiftBy(is64 ? SseOp.PsrlqImm : SseOp.PsrldImm, t2, t2, is64 ? 13 : 10);
        V(SseOp.Andnps, d, t2, t1);
    }

    /// <summary>Wasm max: as <see cref="FloatMin"/>; the two orders differ only in NaN and signed-zero lanes, and
    /// (x | diff) - diff yields +0 for {+0, -0} and a NaN for NaN lanes.</summary>
    private void FloatMax(bool is64, Xmm d, Xmm a, Xmm b)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        V(is64 ? SseOp.Maxpd : SseOp.Maxps, t1, a, b);
        V(is64 ? SseOp.Maxpd : SseOp.Maxps, t2, b, a);
        VC(SseOp.Xorps, t2, t2, t1);
        VC(SseOp.Orps, t1, t1, t2);
        V(is64 ? SseOp.Subpd : SseOp.Subps, t1, t1, t2);
        V(is64 ? SseOp.Cmppd : SseOp.Cmpps, t2, t2, t1, 3);
        ShiftBy(is64 ? SseOp.PsrlqImm : SseOp.PsrldImm, t2, t2, is64 ? 13 : 10);
        V(SseOp.Andnps, d, t2, t1);
    }

    // ---- shifts ---------------------------------------------------------------------------------------------

    public override void V128Shift(V128ShiftOp op, Reg dst, Reg lhs, Operand count)
    {
        Xmm d = X(dst), a = X(lhs);
        int lane = 8 << ((int)op / 3);
        int kind = (int)op % 3; // shl, shr_s, shr_u
        if (count.IsImm && lane >= 16 && !(lane == 64 && kind == 1))
        {
            int n = (int)(count.Imm & (lane - 1));
            ShiftBy(ShiftImmOp(lane, kind), d, a, n);
            return;
        }
        using var s = Scratch();
        // byte shifts need the count in cl for their mask
        var c = lane == 8 ? G(s.Take(Int(Gpr.Rcx))) : Tmp(s);
        if (count.IsImm) _a.Mov(OperandSize.S32, c, (int)count.Imm);
        else _a.Mov(OperandSize.S32, c, G(count.Reg));
        _a.And(OperandSize.S32, c, lane - 1);
        if (lane == 8)
        {
            ByteShift(kind, d, a, c, s);
            return;
        }
        var n128 = X(s.Float());
        MovdToXmm(n128, c, false);
        if (lane == 64 && kind == 1)
        {
            // arithmetic from logical: ((x >>u n) ^ m) - m with m = sign bit >>u n
            var m = X(s.Float());
            LoadV128(m, Splat64(0x8000_0000_0000_0000UL));
            V(SseOp.Psrlq, m, m, n128);
            V(SseOp.Psrlq, d, a, n128);
            VC(SseOp.Pxor, d, d, m);
            V(SseOp.Psubq, d, d, m);
            return;
        }
        V(ShiftOp(lane, kind), d, a, n128);
    }

    private static SseOp ShiftImmOp(int lane, int kind) => (lane, kind) switch
    {
        (16, 0) => SseOp.PsllwImm, (16, 1) => SseOp.PsrawImm, (16, _) => SseOp.PsrlwImm,
        (32, 0) => SseOp.PslldImm, (32, 1) => SseOp.PsradImm, (32, _) => SseOp.PsrldImm,
        (_, 0) => SseOp.PsllqImm, _ => SseOp.PsrlqImm,
    };

    private static SseOp ShiftOp(int lane, int kind) => (lane, kind) switch
    {
        (16, 0) => SseOp.Psllw, (16, 1) => SseOp.Psraw, (16, _) => SseOp.Psrlw,
        (32, 0) => SseOp.Pslld, (32, 1) => SseOp.Psrad, (32, _) => SseOp.Psrld,
        (_, 0) => SseOp.Psllq, _ => SseOp.Psrlq,
    };

    /// <summary>x86 has no byte shifts. shl/shr_u shift 16-bit lanes and mask off the bits that crossed into the
    /// neighbouring byte; shr_s widens each byte into the top of a 16-bit lane, shifts by n + 8 and packs back.</summary>
    private void ByteShift(int kind, Xmm d, Xmm a, Gpr cl, in ScratchScope s)
    {
        var n128 = X(s.Float());
        var t = X(s.Float());
        if (kind == 1)
        {
            _a.Add(OperandSize.S32, cl, 8);
            MovdToXmm(n128, cl, false);
            V(SseOp.Punpckhbw, t, a, a);
            V(SseOp.Punpcklbw, d, a, a);
            V(SseOp.Psraw, t, t, n128);
            V(SseOp.Psraw, d, d, n128);
            V(SseOp.Packsswb, d, d, t);
            return;
        }
        MovdToXmm(n128, cl, false);
        // mask byte: 0xFF shifted the same way, replicated to all 16 bytes
        var m = Tmp(s);
        _a.Mov(OperandSize.S32, m, 0xFF);
        if (kind == 0) _a.ShlCl(OperandSize.S32, m); else _a.ShrCl(OperandSize.S32, m);
        _a.Movzx(OperandSize.S32, m, OperandSize.S8, m);
        _a.Imul(OperandSize.S32, m, m, 0x0101_0101);
        MovdToXmm(t, m, false);
        U(SseOp.Pshufd, t, t, 0);
        V(kind == 0 ? SseOp.Psllw : SseOp.Psrlw, d, a, n128);
        VC(SseOp.Pand, d, d, t);
    }

    // ---- reductions -----------------------------------------------------------------------------------------

    public override void V128Test(V128TestOp op, Reg dst, Reg src)
    {
        Xmm v = X(src);
        var g = G(dst);
        switch (op)
        {
            case V128TestOp.V128AnyTrue:
                _a.Xor(OperandSize.S32, g, g);
                U(SseOp.Ptest, v, v);
                _a.Setcc(Cond.NE, g);
                return;
            case V128TestOp.I8x16AllTrue or V128TestOp.I16x8AllTrue or V128TestOp.I32x4AllTrue or V128TestOp.I64x2AllTrue:
            {
                // all true = no lane equals zero
                using var s = Scratch();
                var t = X(s.Float());
                Zero(t);
                var eq = op switch
                {
                    V128TestOp.I8x16AllTrue => SseOp.Pcmpeqb, V128TestOp.I16x8AllTrue => SseOp.Pcmpeqw,
                    V128TestOp.I32x4AllTrue => SseOp.Pcmpeqd, _ => SseOp.Pcmpeqq,
                };
                VC(eq, t, t, v);
                _a.Xor(OperandSize.S32, g, g);
                U(SseOp.Ptest, t, t);
                _a.Setcc(Cond.E, g);
                return;
            }
            case V128TestOp.I8x16Bitmask:
                if (Avx) _a.Vpmovmskb(g, v); else _a.Pmovmskb(g, v);
                return;
            case V128TestOp.I16x8Bitmask:
            {
                // signed saturation keeps each lane's sign: pack into bytes, then take the low 8 of 16 mask bits
                using var s = Scratch();
                var t = X(s.Float());
                V(SseOp.Packsswb, t, v, v);
                if (Avx) _a.Vpmovmskb(g, t); else _a.Pmovmskb(g, t);
                _a.Movzx(OperandSize.S32, g, OperandSize.S8, g);
                return;
            }
            case V128TestOp.I32x4Bitmask:
                if (Avx) _a.Vmovmskps(g, v); else _a.Movmskps(g, v);
                return;
            default:
                if (Avx) _a.Vmovmskpd(g, v); else _a.Movmskpd(g, v);
                return;
        }
    }
}
