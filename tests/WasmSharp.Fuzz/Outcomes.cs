using System.Globalization;

namespace WasmSharp.Fuzz;

/// <summary>
/// The engine-neutral text every observation is reduced to before comparison. Floats print as their bits, except
/// that every NaN prints as "nan": NaN payloads and signs may legitimately differ between engines.
/// </summary>
public static class Outcomes
{
    public const string StackExhausted = "trap: call stack exhausted";
    public const string Interrupted = "trap: interrupted";

    public static string I32(int v) => "i32:" + v.ToString(CultureInfo.InvariantCulture);
    public static string I64(long v) => "i64:" + v.ToString(CultureInfo.InvariantCulture);

    public static string F32Bits(uint bits) =>
        float.IsNaN(BitConverter.UInt32BitsToSingle(bits)) ? "f32:nan" : $"f32:0x{bits:x8}";

    public static string F64Bits(ulong bits) =>
        double.IsNaN(BitConverter.UInt64BitsToDouble(bits)) ? "f64:nan" : $"f64:0x{bits:x16}";

    /// <summary>Raw lanes: SIMD float lanes are not NaN-canonicalized (binaryen's SIMD modules rarely make NaNs).</summary>
    public static string V128(ulong low, ulong high) => $"v128:0x{high:x16}{low:x16}";

    public static string Trap(string reason) => "trap: " + reason;

    public static string Join(IEnumerable<string> values) => string.Join(" ", values);
}
