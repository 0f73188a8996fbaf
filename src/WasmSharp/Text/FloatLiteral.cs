using System.Globalization;
using System.Numerics;

namespace WasmSharp.Text;

/// <summary>
/// Float literals (spec 6.3.2) to IEEE-754 bits with round-to-nearest-even: decimal, hex (<c>0x1.8p3</c>),
/// <c>inf</c>, <c>nan</c> and <c>nan:0x...</c>. A literal that rounds to infinity is malformed.
/// </summary>
internal static class FloatLiteral
{
    /// <summary>Describes one binary format: f32 (23 fraction bits) or f64 (52).</summary>
    private readonly record struct Format(int FractionBits, int ExponentBits)
    {
        public int Bias => (1 << (ExponentBits - 1)) - 1;
        public ulong ExponentMask => ((1UL << ExponentBits) - 1) << FractionBits;
        public ulong SignBit => 1UL << (FractionBits + ExponentBits);
    }

    private static readonly Format F32 = new(23, 8);
    private static readonly Format F64 = new(52, 11);

    public static bool TryParseF32(ReadOnlySpan<char> s, out uint bits)
    {
        bool ok = TryParse(s, F32, out ulong b);
        bits = (uint)b;
        return ok;
    }

    public static bool TryParseF64(ReadOnlySpan<char> s, out ulong bits) => TryParse(s, F64, out bits);

    private static bool TryParse(ReadOnlySpan<char> s, Format f, out ulong bits)
    {
        bits = 0;
        if (s.IsEmpty) return false;
        bool negative = s[0] == '-';
        if (s[0] is '-' or '+') s = s[1..];
        ulong sign = negative ? f.SignBit : 0;
        ulong magnitude;
        if (s.SequenceEqual("inf")) magnitude = f.ExponentMask;
        else if (s.SequenceEqual("nan")) magnitude = f.ExponentMask | 1UL << (f.FractionBits - 1);
        else if (s.StartsWith("nan:0x"))
        {
            if (!IntegerLiteral.TryParseHexDigits(s[6..], out ulong payload)) return false;
            if (payload == 0 || payload >= 1UL << f.FractionBits) return false;
            magnitude = f.ExponentMask | payload;
        }
        else if (s.StartsWith("0x"))
        {
            if (!TryParseHex(s[2..], f, out magnitude)) return false;
        }
        else if (!TryParseDecimal(s, f, out magnitude)) return false;
        bits = sign | magnitude;
        return true;
    }

    /// <summary><c>num ('.' num?)? ([eE] sign? num)?</c>, rounded by the runtime's correctly rounding parser.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> s, Format f, out ulong magnitude)
    {
        magnitude = 0;
        if (!SplitMantissaExponent(s, 'e', 'E', out var intPart, out var fracPart, out var expPart)) return false;
        if (!IsDigits(intPart, hex: false) || (!fracPart.IsEmpty && !IsDigits(fracPart, hex: false))) return false;
        if (!expPart.IsEmpty && !IsSignedDecimal(expPart)) return false;

        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        int n = 0;
        foreach (char c in s)
        {
            if (c != '_') buffer[n++] = c;
        }
        var clean = buffer[..n];
        const NumberStyles style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (f.FractionBits == 23)
        {
            if (!float.TryParse(clean, style, CultureInfo.InvariantCulture, out float v) || float.IsInfinity(v)) return false;
            magnitude = BitConverter.SingleToUInt32Bits(v);
        }
        else
        {
            if (!double.TryParse(clean, style, CultureInfo.InvariantCulture, out double v) || double.IsInfinity(v)) return false;
            magnitude = BitConverter.DoubleToUInt64Bits(v);
        }
        return true;
    }

    /// <summary><c>hexnum ('.' hexnum?)? ([pP] sign? num)?</c> after the <c>0x</c>.</summary>
    private static bool TryParseHex(ReadOnlySpan<char> s, Format f, out ulong magnitude)
    {
        magnitude = 0;
        if (!SplitMantissaExponent(s, 'p', 'P', out var intPart, out var fracPart, out var expPart)) return false;
        if (!IsDigits(intPart, hex: true) || (!fracPart.IsEmpty && !IsDigits(fracPart, hex: true))) return false;
        if (!expPart.IsEmpty && !IsSignedDecimal(expPart)) return false;

        // Keep the first 60 significant bits exactly; anything below only matters as a sticky bit.
        ulong mantissa = 0;
        long exponent = 0;
        bool sticky = false;
        foreach (char c in intPart) AddDigit(c, fraction: false, ref mantissa, ref exponent, ref sticky);
        foreach (char c in fracPart) AddDigit(c, fraction: true, ref mantissa, ref exponent, ref sticky);
        exponent += ParseExponent(expPart);
        return TryRound(mantissa, sticky, exponent, f, out magnitude);
    }

    private static void AddDigit(char c, bool fraction, ref ulong mantissa, ref long exponent, ref bool sticky)
    {
        if (c == '_') return;
        int digit = IntegerLiteral.HexValue(c);
        if (mantissa >> 56 == 0)
        {
            mantissa = mantissa << 4 | (uint)digit;
            if (fraction) exponent -= 4;
        }
        else
        {
            sticky |= digit != 0;
            if (!fraction) exponent += 4;
        }
    }

    /// <summary>Rounds mantissa * 2^exponent (plus a sticky fraction) to the nearest representable value, ties to even.</summary>
    private static bool TryRound(ulong mantissa, bool sticky, long exponent, Format f, out ulong magnitude)
    {
        magnitude = 0;
        if (mantissa == 0) return true;
        int msb = 63 - BitOperations.LeadingZeroCount(mantissa);
        long e = msb + exponent;
        long minExponent = 1 - f.Bias;
        if (e > f.Bias + 1) return false;
        // Weight of the last kept bit: normal numbers keep FractionBits+1 bits, subnormals are fixed-point.
        long lsbExponent = Math.Max(e, minExponent) - f.FractionBits;
        long shift = lsbExponent - exponent;
        ulong r;
        if (shift <= 0) r = mantissa << (int)-shift;
        else if (shift > 62) r = 0;
        else
        {
            r = mantissa >> (int)shift;
            ulong dropped = mantissa & ((1UL << (int)shift) - 1);
            ulong half = 1UL << (int)(shift - 1);
            if (dropped > half || (dropped == half && (sticky || (r & 1) != 0))) r++;
        }
        // For subnormals the integer r is already the bit pattern; normals add the biased exponent on top.
        ulong bits = e < minExponent ? r : ((ulong)(e + f.Bias - 1) << f.FractionBits) + r;
        if (bits >= f.ExponentMask) return false;
        magnitude = bits;
        return true;
    }

    private static long ParseExponent(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        bool negative = s[0] == '-';
        if (s[0] is '-' or '+') s = s[1..];
        long value = 0;
        foreach (char c in s)
        {
            if (c == '_') continue;
            value = Math.Min(value * 10 + (c - '0'), 1_000_000);
        }
        return negative ? -value : value;
    }

    private static bool SplitMantissaExponent(ReadOnlySpan<char> s, char e1, char e2,
        out ReadOnlySpan<char> intPart, out ReadOnlySpan<char> fracPart, out ReadOnlySpan<char> expPart)
    {
        int ePos = s.IndexOfAny(e1, e2);
        var mantissa = ePos < 0 ? s : s[..ePos];
        expPart = ePos < 0 ? default : s[(ePos + 1)..];
        int dot = mantissa.IndexOf('.');
        intPart = dot < 0 ? mantissa : mantissa[..dot];
        fracPart = dot < 0 ? default : mantissa[(dot + 1)..];
        return ePos < 0 || !expPart.IsEmpty;
    }

    private static bool IsDigits(ReadOnlySpan<char> s, bool hex)
    {
        if (!IntegerLiteral.HasValidSeparators(s)) return false;
        foreach (char c in s)
        {
            if (c == '_') continue;
            if (hex ? IntegerLiteral.HexValue(c) < 0 : c is < '0' or > '9') return false;
        }
        return true;
    }

    private static bool IsSignedDecimal(ReadOnlySpan<char> s)
    {
        if (s[0] is '+' or '-') s = s[1..];
        return IsDigits(s, hex: false);
    }
}
