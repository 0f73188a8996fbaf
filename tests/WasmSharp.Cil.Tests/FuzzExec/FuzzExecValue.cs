using System.Globalization;
using System.Numerics;

namespace WasmSharp.Cil.Tests.FuzzExec;

/// <summary>Whether a value matches binaryen's text for it: integers in signed or unsigned form, floats exactly
/// (binaryen prints the shortest round-trip form), any NaN for any NaN (payloads and signs are not deterministic).</summary>
public static class FuzzExecValue
{
    public static bool Matches(string text, Value v) => v.Type switch
    {
        ValType.I32 => Integer(text) is { } i && (i & uint.MaxValue) == v.Bits && i >= int.MinValue && i <= uint.MaxValue,
        ValType.I64 => Integer(text) is { } i && (ulong)(i & ulong.MaxValue) == v.Bits && i >= long.MinValue && i <= ulong.MaxValue,
        ValType.F32 => Float(text, v.AsSingle()),
        ValType.F64 => Float(text, v.AsDouble()),
        _ => throw new NotSupportedException($"fuzz-exec value of type {v.Type.Name()}"),
    };

    private static BigInteger? Integer(string text) =>
        BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static bool Float(string text, double actual)
    {
        string magnitude = text.TrimStart('-');
        if (magnitude.StartsWith("nan", StringComparison.Ordinal)) return double.IsNaN(actual);
        bool negative = text.StartsWith('-');
        if (magnitude == "inf") return double.IsInfinity(actual) && negative == double.IsNegative(actual);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected)) return false;
        // a zero's sign counts
        return expected == actual && double.IsNegative(expected) == double.IsNegative(actual);
    }

    private static bool Float(string text, float actual)
    {
        if (!Float(text, (double)actual)) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && (float)d == actual && float.IsNegative((float)d) == float.IsNegative(actual);
        return true;
    }
}
