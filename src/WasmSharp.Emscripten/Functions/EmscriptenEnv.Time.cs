using System.Diagnostics;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const int EINVAL = 28;
    private readonly long _clockStart = Stopwatch.GetTimestamp();

    // tm fields, as the glue writes them: sec, min, hour, mday, mon, year-1900, wday, yday, isdst, gmtoff
    private const uint TmSec = 0, TmMin = 4, TmHour = 8, TmMday = 12, TmMon = 16, TmYear = 20, TmWday = 24,
        TmYday = 28, TmIsdst = 32, TmGmtoff = 36;

    private void AddTime(Dictionary<string, HostDef> d)
    {
        F(d, "emscripten_get_now", "", "d", (_, r) => r[0] = Value.F64(MonotonicMs));
        F(d, "emscripten_date_now", "", "d", (_, r) => r[0] = Value.F64(NowMs));
        I(d, "_emscripten_get_now_is_monotonic", "", _ => 1);
        I(d, "clock_gettime", "ii", a => ClockGettime(a[0].AsInt32(), U(a, 1)));
        I(d, "gettimeofday", "ii", a => Gettimeofday(U(a, 0)));
        I(d, "time", "i", a => Time(U(a, 0)));
        I(d, "clock", "", _ => (int)((Stopwatch.GetTimestamp() - _clockStart) * 1_000_000 / Stopwatch.Frequency));
        F(d, "_tzset_js", "iii", "", (a, _) => Tzset(U(a, 0), U(a, 1), U(a, 2)));
        F(d, "_localtime_js", "ii", "", (a, _) => WriteTm(U(a, 1), Local(DateTimeOffset.FromUnixTimeSeconds(I32(U(a, 0)))), local: true));
        F(d, "_gmtime_js", "ii", "", (a, _) => WriteTm(U(a, 1), DateTimeOffset.FromUnixTimeSeconds(I32(U(a, 0))), local: false));
        I(d, "_mktime_js", "i", a => Mktime(U(a, 0)));
        I(d, "_timegm_js", "i", a => Timegm(U(a, 0)));
        I(d, "strftime", "iiii", a => Strftime(U(a, 0), U(a, 1), U(a, 2), U(a, 3)));
        I(d, "strftime_l", "iiiii", a => Strftime(U(a, 0), U(a, 1), U(a, 2), U(a, 3)));
    }

    private static double NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static double MonotonicMs => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    /// <summary>The glue's clock_gettime: realtime and monotonic clocks only, 32-bit seconds (emcc 3.1's time_t).</summary>
    private int ClockGettime(int clock, uint tp)
    {
        double now;
        if (clock == 0) now = NowMs;
        else if (clock is 1 or 4) now = MonotonicMs;
        else return SetErrno(EINVAL);
        I32(tp, (int)(now / 1000));
        I32(tp + 4, (int)(now % 1000 * 1_000_000));
        return 0;
    }

    private int Gettimeofday(uint tv)
    {
        double now = NowMs;
        I32(tv, (int)(now / 1000));
        I32(tv + 4, (int)(now % 1000 * 1000));
        return 0;
    }

    private int Time(uint ptr)
    {
        int now = (int)(NowMs / 1000);
        if (ptr != 0) I32(ptr, now);
        return now;
    }

    /// <summary>Sets errno through the module's <c>__errno_location</c> and returns -1, as the glue's setErrNo.</summary>
    private int SetErrno(int errno)
    {
        I32((uint)Export("__errno_location").Invoke()[0].AsInt32(), errno);
        return -1;
    }

    private static DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local);

    private void WriteTm(uint tm, DateTimeOffset t, bool local)
    {
        I32(tm + TmSec, t.Second);
        I32(tm + TmMin, t.Minute);
        I32(tm + TmHour, t.Hour);
        I32(tm + TmMday, t.Day);
        I32(tm + TmMon, t.Month - 1);
        I32(tm + TmYear, t.Year - 1900);
        I32(tm + TmWday, (int)t.DayOfWeek);
        I32(tm + TmYday, t.DayOfYear - 1);
        if (!local) return; // gmtime leaves isdst and gmtoff alone, as the glue does
        I32(tm + TmGmtoff, (int)t.Offset.TotalSeconds);
        I32(tm + TmIsdst, TimeZoneInfo.Local.IsDaylightSavingTime(t) ? 1 : 0);
    }

    /// <summary>Fields of a tm as a date, normalizing out-of-range fields as JavaScript's Date does.</summary>
    private DateTime TmDate(uint tm) => new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)
        .AddYears(I32(tm + TmYear)).AddMonths(I32(tm + TmMon)).AddDays(I32(tm + TmMday) - 1)
        .AddHours(I32(tm + TmHour)).AddMinutes(I32(tm + TmMin)).AddSeconds(I32(tm + TmSec));

    private int Mktime(uint tm)
    {
        var local = TmDate(tm);
        var offset = TimeZoneInfo.Local.GetUtcOffset(local);
        var t = new DateTimeOffset(local, offset);
        WriteTm(tm, Local(t), local: true);
        return (int)t.ToUnixTimeSeconds();
    }

    /// <summary>Fills musl's timezone, daylight and tzname[2] (names in memory from the guest's malloc).</summary>
    private void Tzset(uint timezone, uint daylight, uint tzname)
    {
        var zone = TimeZoneInfo.Local;
        I32(timezone, -(int)zone.BaseUtcOffset.TotalSeconds);
        I32(daylight, zone.SupportsDaylightSavingTime ? 1 : 0);
        I32(tzname, (int)NewCString(zone.StandardName));
        I32(tzname + 4, (int)NewCString(zone.SupportsDaylightSavingTime ? zone.DaylightName : zone.StandardName));
    }

    private int Timegm(uint tm)
    {
        var t = new DateTimeOffset(TmDate(tm), TimeSpan.Zero);
        I32(tm + TmWday, (int)t.DayOfWeek);
        I32(tm + TmYday, t.DayOfYear - 1);
        return (int)t.ToUnixTimeSeconds();
    }
}
