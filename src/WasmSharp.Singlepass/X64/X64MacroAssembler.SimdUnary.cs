using WasmSharp.Singlepass.CodeGen;
using static WasmSharp.Singlepass.CodeGen.V128UnOp;

namespace WasmSharp.Singlepass.X64;

// 128-bit SIMD: unary operators and conversions between lane shapes.
internal sealed partial class X64MacroAssembler
{
    public override void V128Unary(V128UnOp op, Reg dst, Reg src)
    {
        Xmm d = X(dst), v = X(src);
        switch (op)
        {
            case V128Not:
            {
                using var s = Scratch();
                Not(d, v, X(s.Float()));
                return;
            }
            case I8x16Abs: U(SseOp.Pabsb, d, v); return;
            case I16x8Abs: U(SseOp.Pabsw, d, v); return;
            case I32x4Abs: U(SseOp.Pabsd, d, v); return;
            case I64x2Abs: I64Abs(d, v); return;
            case I8x16Neg: Negate(SseOp.Psubb, d, v); return;
            case I16x8Neg: Negate(SseOp.Psubw, d, v); return;
            case I32x4Neg: Negate(SseOp.Psubd, d, v); return;
            case I64x2Neg: Negate(SseOp.Psubq, d, v); return;
            case I8x16Popcnt: Popcnt(d, v); return;
            case I16x8ExtaddPairwiseI8x16S:
            {
                // pmaddubsw multiplies unsigned bytes of its first operand by signed bytes of its second
                using var s = Scratch();
                var ones = X(s.Float());
                LoadV128(ones, Splat8(1));
                V(SseOp.Pmaddubsw, d, ones, v);
                return;
            }
            case I16x8ExtaddPairwiseI8x16U: V(SseOp.Pmaddubsw, d, v, Splat8(1)); return;
            case I32x4ExtaddPairwiseI16x8S: V(SseOp.Pmaddwd, d, v, Splat16(1)); return;
            case I32x4ExtaddPairwiseI16x8U:
                // bias to signed, add pairs, remove the bias (2 * 0x8000) again
                V(SseOp.Pxor, d, v, Splat16(0x8000));
                V(SseOp.Pmaddwd, d, d, Splat16(1));
                V(SseOp.Paddd, d, d, Splat32(0x1_0000));
                return;
            case >= I16x8ExtendLowI8x16S and <= I64x2ExtendHighI32x4U: Extend(op, d, v); return;
            case F32x4Abs: V(SseOp.Andps, d, v, Splat32(0x7FFF_FFFF)); return;
            case F64x2Abs: V(SseOp.Andpd, d, v, Splat64(0x7FFF_FFFF_FFFF_FFFFUL)); return;
            case F32x4Neg: V(SseOp.Xorps, d, v, Splat32(0x8000_0000)); return;
            case F64x2Neg: V(SseOp.Xorpd, d, v, Splat64(0x8000_0000_0000_0000UL)); return;
            case F32x4Sqrt: U(SseOp.Sqrtps, d, v); return;
            case F64x2Sqrt: U(SseOp.Sqrtpd, d, v); return;
            case >= F32x4Ceil and <= F32x4Nearest: U(SseOp.Roundps, d, v, RoundMode(op - F32x4Ceil)); return;
            case >= F64x2Ceil and <= F64x2Nearest: U(SseOp.Roundpd, d, v, RoundMode(op - F64x2Ceil)); return;
            case F32x4ConvertI32x4S: U(SseOp.Cvtdq2ps, d, v); return;
            case F32x4ConvertI32x4U: F32FromU32(d, v); return;
            case I32x4TruncSatF32x4S: TruncSatS32(d, v); return;
            case I32x4TruncSatF32x4U: TruncSatU32(d, v); return;
            case I32x4TruncSatF64x2SZero: TruncSatF64S(d, v); return;
            case I32x4TruncSatF64x2UZero: TruncSatF64U(d, v); return;
            case F64x2ConvertLowI32x4S: U(SseOp.Cvtdq2pd, d, v); return;
            case F64x2ConvertLowI32x4U:
                // 2^52 + x as a double has x in its low mantissa bits: build it by interleaving, subtract 2^52
                V(SseOp.Unpcklps, d, v, Splat32(0x4330_0000));
                V(SseOp.Subpd, d, d, Splat64(0x4330_0000_0000_0000UL));
                return;
            case F32x4DemoteF64x2Zero: U(SseOp.Cvtpd2ps, d, v); return;
            default: U(SseOp.Cvtps2pd, d, v); return; // F64x2PromoteLowF32x4
        }
    }

    /// <summary>roundps/roundpd immediate for ceil, floor, trunc, nearest (even), inexact suppressed (bit 3).</summary>
    private static int RoundMode(int k) => (k switch { 0 => 2, 1 => 1, 2 => 3, _ => 0 }) | 8;

    private void Negate(SseOp sub, Xmm d, Xmm v)
    {
        using var s = Scratch();
        var zero = X(s.Float());
        Zero(zero);
        V(sub, d, zero, v);
    }

    /// <summary>No pabsq before AVX-512: (x ^ m) - m with m = (x &lt; 0) as a lane mask.</summary>
    private void I64Abs(Xmm d, Xmm v)
    {
        using var s = Scratch();
        var m = X(s.Float());
        Zero(m);
        V(SseOp.Pcmpgtq, m, m, v);
        VC(SseOp.Pxor, d, v, m);
        V(SseOp.Psubq, d, d, m);
    }

    /// <summary>Per-nibble table lookup with pshufb, the two nibble counts added.</summary>
    private void Popcnt(Xmm d, Xmm v)
    {
        using var s = Scratch();
        Xmm hi = X(s.Float()), lo = X(s.Float());
        var table = Const(0x0302_0201_0201_0100UL, 0x0403_0302_0302_0201UL);
        var low4 = Splat8(0x0F);
        ShiftBy(SseOp.PsrlwImm, hi, v, 4);
        V(SseOp.Pand, hi, hi, low4);
        V(SseOp.Pand, lo, v, low4);
        LoadV128(d, table);
        V(SseOp.Pshufb, d, d, lo);
        LoadV128(lo, table);
        V(SseOp.Pshufb, lo, lo, hi);
        VC(SseOp.Paddb, d, d, lo);
    }

    private void Extend(V128UnOp op, Xmm d, Xmm v)
    {
        int k = op - I16x8ExtendLowI8x16S;
        bool high = (k & 1) != 0, signed = (k & 2) == 0;
        var widen = (k / 4) switch
        {
            0 => signed ? SseOp.Pmovsxbw : SseOp.Pmovzxbw,
            1 => signed ? SseOp.Pmovsxwd : SseOp.Pmovzxwd,
            _ => signed ? SseOp.Pmovsxdq : SseOp.Pmovzxdq,
        };
        HalfWiden(widen, high, d, v);
    }

    /// <summary>u32 to f32: the low 16 bits convert exactly; the rest is halved (to stay signed), converted and
    /// doubled, so only the final add rounds.</summary>
    private void F32FromU32(Xmm d, Xmm v)
    {
        using var s = Scratch();
        Xmm low = X(s.Float()), high = X(s.Float());
        Zero(low);
        V(SseOp.Pblendw, low, low, v, 0x55);
        V(SseOp.Psubd, high, v, low);
        U(SseOp.Cvtdq2ps, low, low);
        ShiftBy(SseOp.PsrldImm, high, high, 1);
        U(SseOp.Cvtdq2ps, high, high);
        VC(SseOp.Addps, high, high, high);
        VC(SseOp.Addps, d, high, low);
    }

    /// <summary>f32 to i32, saturating: NaN lanes are zeroed first; cvttps2dq gives 0x80000000 on overflow,
    /// which is flipped to 0x7FFFFFFF where the input was positive.</summary>
    private void TruncSatS32(Xmm d, Xmm v)
    {
        using var s = Scratch();
        Xmm ordered = X(s.Float()), x = X(s.Float());
        V(SseOp.Cmpps, ordered, v, v, 0);
        VC(SseOp.Andps, x, v, ordered);
        VC(SseOp.Pxor, ordered, ordered, x);
        U(SseOp.Cvttps2dq, x, x);
        VC(SseOp.Pand, ordered, ordered, x);
        ShiftBy(SseOp.PsradImm, ordered, ordered, 31);
        VC(SseOp.Pxor, d, x, ordered);
    }

    /// <summary>f32 to u32, saturating: clamp below at 0 (NaN too); lanes at or above 2^31 convert x - 2^31 and
    /// add it back; lanes at or above 2^32 saturate.</summary>
    private void TruncSatU32(Xmm d, Xmm v)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        Zero(t1);
        V(SseOp.Maxps, d, v, t1);
        AllOnes(t1);
        ShiftBy(SseOp.PsrldImm, t1, t1, 1);
        U(SseOp.Cvtdq2ps, t1, t1);
        V(SseOp.Subps, t2, d, t1);
        V(SseOp.Cmpps, t1, t1, t2, 2);
        U(SseOp.Cvttps2dq, t2, t2);
        VC(SseOp.Pxor, t2, t2, t1);
        Zero(t1);
        VC(SseOp.Pmaxsd, t2, t2, t1);
        U(SseOp.Cvttps2dq, d, d);
        VC(SseOp.Paddd, d, d, t2);
    }

    /// <summary>f64 to i32 with zeroed upper lanes: NaN to 0 and clamp above at i32 max, then cvttpd2dq (which
    /// gives i32 min for the lanes below range, as saturation wants).</summary>
    private void TruncSatF64S(Xmm d, Xmm v)
    {
        using var s = Scratch();
        var t = X(s.Float());
        V(SseOp.Cmppd, t, v, v, 0);
        V(SseOp.Andpd, t, t, Splat64(0x41DF_FFFF_FFC0_0000UL)); // 2147483647.0
        V(SseOp.Minpd, d, v, t);
        U(SseOp.Cvttpd2dq, d, d);
    }

    /// <summary>f64 to u32 with zeroed upper lanes: clamp to [0, u32 max] (NaN to 0), truncate, add 2^52 so the
    /// integer sits in the low 32 bits of each double, and gather those.</summary>
    private void TruncSatF64U(Xmm d, Xmm v)
    {
        using var s = Scratch();
        var zero = X(s.Float());
        Zero(zero);
        V(SseOp.Maxpd, d, v, zero);
        V(SseOp.Minpd, d, d, Splat64(0x41EF_FFFF_FFE0_0000UL)); // 4294967295.0
        U(SseOp.Roundpd, d, d, 3 | 8);
        V(SseOp.Addpd, d, d, Splat64(0x4330_0000_0000_0000UL));
        V(SseOp.Shufps, d, d, zero, 0x88);
    }
}
