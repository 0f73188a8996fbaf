using System.Globalization;

namespace WasmSharp.Cli;

/// <summary>Sizes on the command line: a number of bytes with an optional binary suffix (K, M, G).</summary>
internal static class ByteSize
{
    /// <summary>The size <paramref name="text"/> names, or null when it is not one.</summary>
    public static long? Parse(string text)
    {
        string t = text.Trim();
        int shift = t.Length == 0 ? 0 : char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        if (shift != 0) t = t[..^1];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue >> shift) return null;
        return n << shift;
    }

    public static string Format(long bytes) => bytes switch
    {
        _ when bytes >= 1 << 30 && bytes % (1 << 30) == 0 => $"{bytes >> 30}G",
        _ when bytes >= 1 << 20 && bytes % (1 << 20) == 0 => $"{bytes >> 20}M",
        _ when bytes >= 1 << 10 && bytes % (1 << 10) == 0 => $"{bytes >> 10}K",
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };
}
