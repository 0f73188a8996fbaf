using System.Text;

namespace WasmSharp.Text;

/// <summary>Turns the bytes of a quoted module (<c>(module quote ...)</c>) into text without losing invalid UTF-8.</summary>
internal static class SourceText
{
    /// <summary>
    /// Decodes UTF-8. Each byte of an invalid sequence becomes a lone surrogate U+DC80..U+DCFF (as Python's
    /// "surrogateescape" does), which the lexer rejects: the text stays malformed instead of silently becoming U+FFFD.
    /// </summary>
    public static string FromUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(chars[..rune.EncodeToUtf16(chars)]);
            }
            else
            {
                for (int i = 0; i < consumed; i++) sb.Append((char)(0xDC00 | bytes[i]));
            }
            bytes = bytes[consumed..];
        }
        return sb.ToString();
    }
}
