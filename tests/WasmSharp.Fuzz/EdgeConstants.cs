using System.Globalization;

namespace WasmSharp.Fuzz;

/// <summary>Constants as WAT text, drawn mostly from the values where engines tend to get things wrong.</summary>
public static class EdgeConstants
{
    private static readonly long[] I32Edges = [0, 1, -1, 2, 31, 32, 33, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0xfff0,
        int.MaxValue, int.MinValue, 0x7fffffff - 1, -65536];

    private static readonly long[] I64Edges = [0, 1, -1, 63, 64, 65, 0xffffffffL, 0x80000000L, 0x100000000L,
        long.MaxValue, long.MinValue, long.MinValue + 1, -0x80000000L, 0x7fffffffL];

    private static readonly uint[] F32Edges = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
        0x7fc00000, 0xffc00000, 0x7fa00001, 0x00000001, 0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x5f000000,
        0x3f000000, 0x3fc00000, 0x4effffff];

    private static readonly ulong[] F64Edges = [0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
        0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff4000000000001,
        0x0000000000000001, 0x800fffffffffffff, 0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000,
        0x43e0000000000000, 0x3fe0000000000000, 0x41dfffffffc00000, 0x3ff8000000000000];

    public static string Of(ValType type, Random rng) => type switch
    {
        ValType.I32 => $"(i32.const {(rng.Next(3) == 0 ? rng.Next() - (1L << 30) : I32Edges[rng.Next(I32Edges.Length)])})",
        ValType.I64 => $"(i64.const {(rng.Next(3) == 0 ? rng.NextInt64(long.MinValue, long.MaxValue) : I64Edges[rng.Next(I64Edges.Length)])})",
        ValType.V128 => V128(rng),
        ValType.F32 => $"(f32.const {F32(rng.Next(3) == 0 ? (uint)rng.Next() : F32Edges[rng.Next(F32Edges.Length)])})",
        _ => $"(f64.const {F64(rng.Next(3) == 0 ? (ulong)rng.NextInt64() : F64Edges[rng.Next(F64Edges.Length)])})",
    };

    /// <summary>A v128 constant of a random shape, its lanes drawn like the scalars' (edge values, NaN payloads).</summary>
    private static string V128(Random rng)
    {
        var lanes = rng.Next(6) switch
        {
            0 => Enumerable.Range(0, 16).Select(_ => (rng.Next(2) == 0 ? rng.Next(256) : (int)(byte)I32Edges[rng.Next(I32Edges.Length)]).ToString(CultureInfo.InvariantCulture)).Prepend("i8x16"),
            1 => Enumerable.Range(0, 8).Select(_ => ((ushort)I32Edges[rng.Next(I32Edges.Length)]).ToString(CultureInfo.InvariantCulture)).Prepend("i16x8"),
            2 => Enumerable.Range(0, 4).Select(_ => ((uint)I32Edges[rng.Next(I32Edges.Length)]).ToString(CultureInfo.InvariantCulture)).Prepend("i32x4"),
            3 => Enumerable.Range(0, 2).Select(_ => I64Edges[rng.Next(I64Edges.Length)].ToString(CultureInfo.InvariantCulture)).Prepend("i64x2"),
            4 => Enumerable.Range(0, 4).Select(_ => F32(F32Edges[rng.Next(F32Edges.Length)])).Prepend("f32x4"),
            _ => Enumerable.Range(0, 2).Select(_ => F64(F64Edges[rng.Next(F64Edges.Length)])).Prepend("f64x2"),
        };
        return $"(v128.const {string.Join(" ", lanes)})";
    }

    /// <summary>An f32 literal that denotes exactly these bits (NaN payloads included).</summary>
    public static string F32(uint bits)
    {
        string sign = (bits >> 31) != 0 ? "-" : "";
        uint exponent = (bits >> 23) & 0xff, mantissa = bits & 0x7fffff;
        if (exponent == 0xff) return mantissa == 0 ? sign + "inf" : $"{sign}nan:0x{mantissa:x}";
        return Hex(sign, exponent, mantissa, 23, 127);
    }

    /// <summary>An f64 literal that denotes exactly these bits (NaN payloads included).</summary>
    public static string F64(ulong bits)
    {
        string sign = (bits >> 63) != 0 ? "-" : "";
        ulong exponent = (bits >> 52) & 0x7ff, mantissa = bits & 0xfffffffffffffUL;
        if (exponent == 0x7ff) return mantissa == 0 ? sign + "inf" : $"{sign}nan:0x{mantissa:x}";
        return Hex(sign, exponent, mantissa, 52, 1023);
    }

    /// <summary>Hexadecimal float text (exact): normal numbers as 0x1.M, subnormals as 0x0.M with the minimum
    /// exponent. The mantissa is shifted to whole hex digits.</summary>
    private static string Hex(string sign, ulong exponent, ulong mantissa, int mantissaBits, int bias)
    {
        int digits = (mantissaBits + 3) / 4;
        ulong aligned = mantissa << (digits * 4 - mantissaBits);
        string lead = exponent == 0 ? "0" : "1";
        long e = exponent == 0 ? 1 - bias : (long)exponent - bias;
        return $"{sign}0x{lead}.{aligned.ToString("x" + digits, CultureInfo.InvariantCulture)}p{e}";
    }
}
