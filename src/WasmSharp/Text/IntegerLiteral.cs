namespace WasmSharp.Text;

/// <summary>Integer literals (spec 6.3.1): decimal or <c>0x</c> hex digits, <c>_</c> only between digits, optional sign.</summary>
internal static class IntegerLiteral
{
    /// <summary>An unsigned literal <c>uN</c> (no sign). False if malformed or above 2^64-1.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<char> s, out ulong value)
    {
        if (s.Length > 2 && s[0] == '0' && s[1] == 'x') return TryParseHexDigits(s[2..], out value);
        return TryParseDecimalDigits(s, out value);
    }

    public static bool TryParseDecimalDigits(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (!HasValidSeparators(s)) return false;
        foreach (char c in s)
        {
            if (c == '_') continue;
            if (c is < '0' or > '9') return false;
            ulong digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    public static bool TryParseHexDigits(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (!HasValidSeparators(s)) return false;
        foreach (char c in s)
        {
            if (c == '_') continue;
            int digit = HexValue(c);
            if (digit < 0 || value >> 60 != 0) return false;
            value = value << 4 | (uint)digit;
        }
        return true;
    }

    /// <summary>
    /// An <c>iN</c> literal of <paramref name="bits"/> width: unsigned up to 2^N-1 without a sign,
    /// signed in [-2^(N-1), 2^(N-1)-1] with one. Returns the two's-complement bits.
    /// </summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, int bits, out ulong result)
    {
        result = 0;
        if (s.IsEmpty) return false;
        bool negative = s[0] == '-';
        bool signed = negative || s[0] == '+';
        if (!TryParseUnsigned(signed ? s[1..] : s, out ulong magnitude)) return false;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong signedLimit = 1UL << (bits - 1);
        if (!signed)
        {
            if (magnitude > mask) return false;
            result = magnitude;
        }
        else if (negative)
        {
            if (magnitude > signedLimit) return false;
            result = (0 - magnitude) & mask;
        }
        else
        {
            if (magnitude >= signedLimit) return false;
            result = magnitude;
        }
        return true;
    }

    /// <summary>A u32 literal, as used for indices, alignments and offsets.</summary>
    public static bool TryParseU32(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        if (!TryParseUnsigned(s, out ulong v) || v > uint.MaxValue) return false;
        value = (uint)v;
        return true;
    }

    /// <summary>Digits, with single underscores only between two digits.</summary>
    public static bool HasValidSeparators(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] == '_' || s[^1] == '_') return false;
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i] == '_' && s[i - 1] == '_') return false;
        }
        return true;
    }

    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
