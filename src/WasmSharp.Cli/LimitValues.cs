using System.Globalization;

namespace WasmSharp.Cli;

/// <summary>The values of <c>--max-memory</c> and <c>--timeout</c>: a size with a binary unit, a duration with a
/// unit. Each returns null for text that is not one, and the option turns that into a usage error.</summary>
internal static class LimitValues
{
    /// <summary>Bytes: <c>N</c>, or <c>N</c> followed by K, KiB, M, MiB, G or GiB (powers of 1024; any case).</summary>
    public static ulong? ParseSize(string text)
    {
        var (number, unit) = Split(text);
        int shift = unit.ToUpperInvariant() switch
        {
            "" or "B" => 0,
            "K" or "KIB" => 10,
            "M" or "MIB" => 20,
            "G" or "GIB" => 30,
            _ => -1,
        };
        if (shift < 0 || !ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) || n > ulong.MaxValue >> shift) return null;
        return n << shift;
    }

    /// <summary>A positive duration: <c>N</c> followed by ms, s, m or h (a number without a unit is ambiguous and
    /// refused); fractions allowed, e.g. <c>1.5s</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var (number, unit) = Split(text);
        double scale = unit.ToLowerInvariant() switch
        {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 0,
        };
        if (scale == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n)) return null;
        double ms = n * scale;
        if (!(ms >= 1) || ms > TimeSpan.MaxValue.TotalMilliseconds / 2) return null;
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>The leading digits (and decimal point), and the rest.</summary>
    private static (string Number, string Unit) Split(string text)
    {
        string t = text.Trim();
        int i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.')) i++;
        return (t[..i], t[i..].Trim());
    }

    /// <summary>A duration as the user would write it back.</summary>
    public static string Format(TimeSpan d) =>
        d.TotalMilliseconds < 1000 || d.TotalMilliseconds % 1000 != 0 ? $"{d.TotalMilliseconds:0.###}ms" : $"{d.TotalSeconds:0}s";
}
