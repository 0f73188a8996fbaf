using System.Globalization;
using System.Text;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const uint TmZone = 40;
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"];

    /// <summary>The glue implements strftime in JavaScript (C locale); so does this, specifier for specifier.
    /// Returns the length written, or 0 when it does not fit in <paramref name="max"/> bytes with the NUL.</summary>
    private int Strftime(uint s, uint max, uint format, uint tm)
    {
        var text = Encoding.UTF8.GetBytes(Expand(CString(format), tm));
        if (text.Length + 1 > max) return 0;
        var dst = Mem.Span(s, (uint)text.Length + 1);
        text.CopyTo(dst);
        dst[text.Length] = 0;
        return text.Length;
    }

    private string Expand(string format, uint tm)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            char c = format[++i];
            if (c is 'E' or 'O' && i + 1 < format.Length) c = format[++i]; // C locale: the modifiers change nothing
            sb.Append(Specifier(c, tm));
        }
        return sb.ToString();
    }

    private string Specifier(char c, uint tm)
    {
        int F(uint field) => I32(tm + field);
        string Two(int v) => v.ToString("00", CultureInfo.InvariantCulture);
        int hour = F(TmHour), wday = F(TmWday), yday = F(TmYday), year = F(TmYear) + 1900;
        return c switch
        {
            'a' => Days[Mod(wday, 7)][..3],
            'A' => Days[Mod(wday, 7)],
            'b' or 'h' => Months[Mod(F(TmMon), 12)][..3],
            'B' => Months[Mod(F(TmMon), 12)],
            'c' => Expand("%a %b %d %H:%M:%S %Y", tm),
            'C' => Two(year / 100),
            'd' => Two(F(TmMday)),
            'e' => F(TmMday).ToString(CultureInfo.InvariantCulture).PadLeft(2),
            'D' or 'x' => Expand("%m/%d/%y", tm),
            'F' => Expand("%Y-%m-%d", tm),
            'g' => Two(IsoYear(year, yday) % 100),
            'G' => IsoYear(year, yday).ToString(CultureInfo.InvariantCulture),
            'H' => Two(hour),
            'I' => Two(hour % 12 == 0 ? 12 : hour % 12),
            'j' => (yday + 1).ToString("000", CultureInfo.InvariantCulture),
            'm' => Two(F(TmMon) + 1),
            'M' => Two(F(TmMin)),
            'n' => "\n",
            'p' => hour < 12 ? "AM" : "PM",
            'r' => Expand("%I:%M:%S %p", tm),
            'R' => Expand("%H:%M", tm),
            'S' => Two(F(TmSec)),
            't' => "\t",
            'T' or 'X' => Expand("%H:%M:%S", tm),
            'u' => (wday == 0 ? 7 : wday).ToString(CultureInfo.InvariantCulture),
            'U' => Two((yday + 7 - wday) / 7),
            'V' => Two(ISOWeek.GetWeekOfYear(DayOf(year, yday))),
            'w' => wday.ToString(CultureInfo.InvariantCulture),
            'W' => Two((yday + 7 - (wday + 6) % 7) / 7),
            'y' => Two(year % 100),
            'Y' => year.ToString(CultureInfo.InvariantCulture),
            'z' => Offset(F(TmGmtoff)),
            'Z' => F(TmZone) == 0 ? "" : CString((uint)F(TmZone)),
            '%' => "%",
            _ => "%" + c,
        };
    }

    private static int Mod(int v, int m) => ((v % m) + m) % m;

    private static DateTime DayOf(int year, int yday) => new DateTime(Math.Clamp(year, 1, 9999), 1, 1).AddDays(yday);

    private static int IsoYear(int year, int yday) => ISOWeek.GetYear(DayOf(year, yday));

    private static string Offset(int seconds)
    {
        int minutes = Math.Abs(seconds) / 60;
        return (seconds >= 0 ? "+" : "-") + (minutes / 60 * 100 + minutes % 60).ToString("0000", CultureInfo.InvariantCulture);
    }
}
