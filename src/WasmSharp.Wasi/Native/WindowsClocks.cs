using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WasmSharp.Wasi.Native;

/// <summary>WASI's four clocks on Windows, in nanoseconds: realtime from the precise system time, monotonic from
/// the performance counter (<see cref="Stopwatch"/>), process and thread CPU time from
/// <c>GetProcessTimes</c>/<c>GetThreadTimes</c> (100 ns units, like the system time).</summary>
internal static unsafe partial class WindowsClocks
{
    /// <summary>FILETIME counts 100 ns from 1601-01-01; WASI's realtime counts from 1970-01-01.</summary>
    private const long UnixEpochFileTime = 116_444_736_000_000_000L;
    private const long FileTimeUnit = 100;
    private const nint CurrentProcess = -1, CurrentThread = -2;

    [LibraryImport("kernel32")]
    private static partial void GetSystemTimePreciseAsFileTime(long* time);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetProcessTimes(nint process, long* creation, long* exit, long* kernel, long* user);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(nint thread, long* creation, long* exit, long* kernel, long* user);

    public static ulong Now(uint id)
    {
        long creation, exit, kernel, user;
        switch ((ClockId)id)
        {
            case ClockId.Realtime:
                long now;
                GetSystemTimePreciseAsFileTime(&now);
                return (ulong)((now - UnixEpochFileTime) * FileTimeUnit);
            case ClockId.Monotonic:
                return (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
            case ClockId.ProcessCputimeId when GetProcessTimes(CurrentProcess, &creation, &exit, &kernel, &user):
            case ClockId.ThreadCputimeId when GetThreadTimes(CurrentThread, &creation, &exit, &kernel, &user):
                return (ulong)((kernel + user) * FileTimeUnit);
            default:
                throw new WasiErrnoException(Errno.Inval);
        }
    }

    public static ulong Resolution(uint id) => (ClockId)id switch
    {
        ClockId.Monotonic => Math.Max(1UL, (ulong)(1_000_000_000L / Stopwatch.Frequency)),
        ClockId.Realtime or ClockId.ProcessCputimeId or ClockId.ThreadCputimeId => FileTimeUnit,
        _ => throw new WasiErrnoException(Errno.Inval),
    };
}
