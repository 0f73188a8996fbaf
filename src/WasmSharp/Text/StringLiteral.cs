using System.Text;

namespace WasmSharp.Text;

/// <summary>Decodes string literals (already checked by the lexer) into the bytes they denote (spec 6.3.3).</summary>
internal static class StringLiteral
{
    /// <summary>Appends the bytes of the string token <paramref name="t"/> (quotes included in the span).</summary>
    public static void Decode(string source, in Token t, ByteWriter output)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int end = t.End - 1;
        for (int i = t.Start + 1; i < end; i++)
        {
            char c = source[i];
            if (c != '\\')
            {
                if (c < 0x80) { output.Byte((byte)c); continue; }
                // Source text is UTF-16; the literal denotes its UTF-8 encoding.
                Rune.DecodeFromUtf16(source.AsSpan(i, end - i), out var rune, out int consumed);
                int n = rune.EncodeToUtf8(utf8);
                output.Bytes(utf8[..n]);
                i += consumed - 1;
                continue;
            }
            i = DecodeEscape(source, i, output, utf8);
        }
    }

    /// <summary>Decodes the escape starting at the backslash; returns the offset of its last character.</summary>
    private static int DecodeEscape(string source, int backslash, ByteWriter output, Span<byte> utf8)
    {
        char c = source[backslash + 1];
        switch (c)
        {
            case 't': output.Byte((byte)'\t'); return backslash + 1;
            case 'n': output.Byte((byte)'\n'); return backslash + 1;
            case 'r': output.Byte((byte)'\r'); return backslash + 1;
            case '"': output.Byte((byte)'"'); return backslash + 1;
            case '\'': output.Byte((byte)'\''); return backslash + 1;
            case '\\': output.Byte((byte)'\\'); return backslash + 1;
            case 'u':
            {
                int close = source.IndexOf('}', backslash);
                IntegerLiteral.TryParseHexDigits(source.AsSpan(backslash + 3, close - backslash - 3), out ulong v);
                int n = new Rune((int)v).EncodeToUtf8(utf8);
                output.Bytes(utf8[..n]);
                return close;
            }
            default:
                output.Byte((byte)(IntegerLiteral.HexValue(c) << 4 | IntegerLiteral.HexValue(source[backslash + 2])));
                return backslash + 2;
        }
    }
}
