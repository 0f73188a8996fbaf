using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass;

/// <summary>
/// What every ISA needs to lower float-to-integer truncation: the operator's shape and, for the trapping forms, the
/// range of valid inputs. Valid inputs lie strictly between <see cref="Range.Lower"/> (or at it, when
/// <see cref="Range.LowerInclusive"/>) and <see cref="Range.Upper"/>, both exact in the source type.
/// </summary>
internal static class Truncation
{
    public readonly record struct Shape(bool FromF64, bool To64, bool Signed, bool Saturating);

    public readonly record struct Range(double Lower, bool LowerInclusive, double Upper);

    public static Range RangeOf(Shape s)
    {
        if (!s.Signed) return new Range(-1.0, false, s.To64 ? 18446744073709551616.0 : 4294967296.0);
        double upper = s.To64 ? 9223372036854775808.0 : 2147483648.0;
        // -2^31-1 is exact in f64, so f64 sources use an exclusive bound; f32 sources and i64 use -2^N inclusive
        bool inclusive = s.To64 || !s.FromF64;
        return new Range(inclusive ? -upper : -2147483649.0, inclusive, upper);
    }

    /// <summary>The bits of <paramref name="v"/> as an f64, or as an f32 when not <paramref name="is64"/>.</summary>
    public static ulong Bits(bool is64, double v) =>
        is64 ? BitConverter.DoubleToUInt64Bits(v) : BitConverter.SingleToUInt32Bits((float)v);

    public static Shape ShapeOf(ConvOp op) => op switch
    {
        ConvOp.I32TruncF32S => new(false, false, true, false),
        ConvOp.I32TruncF32U => new(false, false, false, false),
        ConvOp.I32TruncF64S => new(true, false, true, false),
        ConvOp.I32TruncF64U => new(true, false, false, false),
        ConvOp.I64TruncF32S => new(false, true, true, false),
        ConvOp.I64TruncF32U => new(false, true, false, false),
        ConvOp.I64TruncF64S => new(true, true, true, false),
        ConvOp.I64TruncF64U => new(true, true, false, false),
        ConvOp.I32TruncSatF32S => new(false, false, true, true),
        ConvOp.I32TruncSatF32U => new(false, false, false, true),
        ConvOp.I32TruncSatF64S => new(true, false, true, true),
        ConvOp.I32TruncSatF64U => new(true, false, false, true),
        ConvOp.I64TruncSatF32S => new(false, true, true, true),
        ConvOp.I64TruncSatF32U => new(false, true, false, true),
        ConvOp.I64TruncSatF64S => new(true, true, true, true),
        ConvOp.I64TruncSatF64U => new(true, true, false, true),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a truncation"),
    };
}
