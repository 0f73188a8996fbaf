using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using static System.BitConverter;

namespace WasmSharp.Cil;

/// <summary>
/// Numeric operators whose Wasm semantics differ from a bare CIL instruction (traps, NaN and zero-sign rules,
/// shift counts, correctly rounded conversions). Each method is named after its <see cref="Binary.Opcode"/>;
/// the emitter finds them by that name, and RyuJIT inlines them into the generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static class NumericOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>A NaN constant with its exact payload (see the emitter's float constants).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32NaN(int bits) => Int32BitsToSingle(bits);

    /// <summary>An f64 NaN constant with its exact payload, as <see cref="F32NaN"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double F64NaN(long bits) => Int64BitsToDouble(bits);

    // ---- ceil, floor, trunc ------------------------------------------------------------------------------

    // With SSE4.1 RyuJIT emits roundss/roundsd, which quiet a signalling NaN as Wasm requires. Where it does not
    // (seen under Wine: .NET there calls the C runtime, whose floor returns a signalling NaN as it is) the NaN is
    // quieted here (a + a), in a branch RyuJIT removes when SSE4.1 is there.
    /// <summary><c>f32.ceil</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static float F32Ceil(float a) => Sse41.IsSupported || !float.IsNaN(a) ? MathF.Ceiling(a) : a + a;
    /// <summary><c>f64.ceil</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static double F64Ceil(double a) => Sse41.IsSupported || !double.IsNaN(a) ? Math.Ceiling(a) : a + a;
    /// <summary><c>f32.floor</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static float F32Floor(float a) => Sse41.IsSupported || !float.IsNaN(a) ? MathF.Floor(a) : a + a;
    /// <summary><c>f64.floor</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static double F64Floor(double a) => Sse41.IsSupported || !double.IsNaN(a) ? Math.Floor(a) : a + a;
    /// <summary><c>f32.trunc</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static float F32Trunc(float a) => Sse41.IsSupported || !float.IsNaN(a) ? MathF.Truncate(a) : a + a;
    /// <summary><c>f64.trunc</c>: a NaN operand gives a quiet NaN.</summary>
    [MethodImpl(Inline)]
    public static double F64Trunc(double a) => Sse41.IsSupported || !double.IsNaN(a) ? Math.Truncate(a) : a + a;

    // ---- float min/max ---------------------------------------------------------------------------------

    /// <summary>NaN if either is NaN (a + b quiets it); -0 is below +0.</summary>
    [MethodImpl(Inline)]
    public static float F32Min(float a, float b)
    {
        if (Sse2.IsSupported) return SimdOps.F32MinScalar(a, b); // branch-free
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return Int32BitsToSingle(SingleToInt32Bits(a) | SingleToInt32Bits(b));
        return a < b ? a : b;
    }

    /// <summary><c>f32.max</c>: NaN if either is NaN (quieted); +0 is above -0.</summary>
    [MethodImpl(Inline)]
    public static float F32Max(float a, float b)
    {
        if (Sse2.IsSupported) return SimdOps.F32MaxScalar(a, b); // branch-free
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return Int32BitsToSingle(SingleToInt32Bits(a) & SingleToInt32Bits(b));
        return a > b ? a : b;
    }

    /// <summary><c>f64.min</c>: NaN if either is NaN (quieted); -0 is below +0.</summary>
    [MethodImpl(Inline)]
    public static double F64Min(double a, double b)
    {
        if (Sse2.IsSupported) return SimdOps.F64MinScalar(a, b); // branch-free
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return Int64BitsToDouble(DoubleToInt64Bits(a) | DoubleToInt64Bits(b));
        return a < b ? a : b;
    }

    /// <summary><c>f64.max</c>: NaN if either is NaN (quieted); +0 is above -0.</summary>
    [MethodImpl(Inline)]
    public static double F64Max(double a, double b)
    {
        if (Sse2.IsSupported) return SimdOps.F64MaxScalar(a, b); // branch-free
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return Int64BitsToDouble(DoubleToInt64Bits(a) & DoubleToInt64Bits(b));
        return a > b ? a : b;
    }

    // ---- conversions ------------------------------------------------------------------------------------


    /// <summary>The quiet bit is set explicitly: RyuJIT folds demote(promote(x)) to x, which would keep a signaling NaN.</summary>
    [MethodImpl(Inline)]
    public static float F32DemoteF64(double a)
    {
        float r = (float)a;
        return float.IsNaN(r) ? Int32BitsToSingle(SingleToInt32Bits(r) | 0x00400000) : r;
    }

    /// <summary><c>f64.promote_f32</c>, with a NaN quieted (RyuJIT would fold promote(demote(x)) to x).</summary>
    [MethodImpl(Inline)]
    public static double F64PromoteF32(float a)
    {
        double r = a;
        return double.IsNaN(r) ? Int64BitsToDouble(DoubleToInt64Bits(r) | 0x0008000000000000) : r;
    }


    /// <summary>Halving keeps a sticky bit, so the one rounding to float is the correct one.</summary>
    [MethodImpl(Inline)]
    public static float F32ConvertI64U(long a)
    {
        if (a >= 0) return a;
        ulong x = (ulong)a;
        float f = (long)((x >> 1) | (x & 1));
        return f + f;
    }

    /// <summary><c>f64.convert_i64_u</c>: the unsigned 64-bit value rounded once to the nearest double.</summary>
    [MethodImpl(Inline)]
    public static double F64ConvertI64U(long a)
    {
        if (a >= 0) return a;
        ulong x = (ulong)a;
        double d = (long)((x >> 1) | (x & 1));
        return d + d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BadConversion(bool nan) =>
        Traps.Throw(nan ? TrapKind.InvalidConversionToInteger : TrapKind.IntegerOverflow);

    // Trapping truncation: the bounds are the first values (or the last excluded ones) outside the target range.

    /// <summary><c>i32.trunc_f32_s</c>: <paramref name="a"/> truncated toward zero to a signed 32-bit integer; traps on
    /// NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static int I32TruncF32S(float a)
    {
        if (!(a >= -2147483648f && a < 2147483648f)) BadConversion(float.IsNaN(a));
        return (int)a;
    }

    /// <summary><c>i32.trunc_f32_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 32-bit integer; traps
    /// on NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static int I32TruncF32U(float a)
    {
        if (!(a > -1f && a < 4294967296f)) BadConversion(float.IsNaN(a));
        return (int)(uint)a;
    }

    /// <summary><c>i32.trunc_f64_s</c>: <paramref name="a"/> truncated toward zero to a signed 32-bit integer; traps on
    /// NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static int I32TruncF64S(double a)
    {
        if (!(a > -2147483649.0 && a < 2147483648.0)) BadConversion(double.IsNaN(a));
        return (int)a;
    }

    /// <summary><c>i32.trunc_f64_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 32-bit integer; traps
    /// on NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static int I32TruncF64U(double a)
    {
        if (!(a > -1.0 && a < 4294967296.0)) BadConversion(double.IsNaN(a));
        return (int)(uint)a;
    }

    /// <summary><c>i64.trunc_f32_s</c>: <paramref name="a"/> truncated toward zero to a signed 64-bit integer; traps on
    /// NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static long I64TruncF32S(float a)
    {
        if (!(a >= -9223372036854775808f && a < 9223372036854775808f)) BadConversion(float.IsNaN(a));
        return (long)a;
    }

    /// <summary><c>i64.trunc_f32_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 64-bit integer; traps
    /// on NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static long I64TruncF32U(float a)
    {
        if (!(a > -1f && a < 18446744073709551616f)) BadConversion(float.IsNaN(a));
        return (long)(ulong)a;
    }

    /// <summary><c>i64.trunc_f64_s</c>: <paramref name="a"/> truncated toward zero to a signed 64-bit integer; traps on
    /// NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static long I64TruncF64S(double a)
    {
        if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0)) BadConversion(double.IsNaN(a));
        return (long)a;
    }

    /// <summary><c>i64.trunc_f64_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 64-bit integer; traps
    /// on NaN (invalid conversion) and when the result does not fit (integer overflow).</summary>
    [MethodImpl(Inline)]
    public static long I64TruncF64U(double a)
    {
        if (!(a > -1.0 && a < 18446744073709551616.0)) BadConversion(double.IsNaN(a));
        return (long)(ulong)a;
    }

    // Saturating truncation: NaN is 0, out-of-range values clamp.

    /// <summary><c>i32.trunc_sat_f32_s</c>: <paramref name="a"/> truncated toward zero to a signed 32-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static int I32TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a <= -2147483648f ? int.MinValue : a >= 2147483648f ? int.MaxValue : (int)a;

    /// <summary><c>i32.trunc_sat_f32_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 32-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static int I32TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 4294967296f ? -1 : (int)(uint)a;

    /// <summary><c>i32.trunc_sat_f64_s</c>: <paramref name="a"/> truncated toward zero to a signed 32-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static int I32TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a <= -2147483648.0 ? int.MinValue : a >= 2147483648.0 ? int.MaxValue : (int)a;

    /// <summary><c>i32.trunc_sat_f64_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 32-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static int I32TruncSatF64U(double a) =>
        !(a > -1.0) ? 0 : a >= 4294967296.0 ? -1 : (int)(uint)a;

    /// <summary><c>i64.trunc_sat_f32_s</c>: <paramref name="a"/> truncated toward zero to a signed 64-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static long I64TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a <= -9223372036854775808f ? long.MinValue : a >= 9223372036854775808f ? long.MaxValue : (long)a;

    /// <summary><c>i64.trunc_sat_f32_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 64-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static long I64TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 18446744073709551616f ? -1 : (long)(ulong)a;

    /// <summary><c>i64.trunc_sat_f64_s</c>: <paramref name="a"/> truncated toward zero to a signed 64-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static long I64TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a <= -9223372036854775808.0 ? long.MinValue : a >= 9223372036854775808.0 ? long.MaxValue : (long)a;

    /// <summary><c>i64.trunc_sat_f64_u</c>: <paramref name="a"/> truncated toward zero to a unsigned 64-bit integer,
    /// saturating at the type's bounds; NaN gives 0.</summary>
    [MethodImpl(Inline)]
    public static long I64TruncSatF64U(double a) =>
        !(a > -1.0) ? 0 : a >= 18446744073709551616.0 ? -1 : (long)(ulong)a;
}
