using System.Runtime.InteropServices;

namespace WasmSharp.Bench;

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): unlike wall time, it does not count
/// the time other processes of a loaded machine hold the core, so single-thread figures stay comparable.</summary>
internal static class ThreadCpuClock
{
    private const int CLOCK_THREAD_CPUTIME_ID = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out Timespec time);

    /// <summary>Milliseconds of CPU this thread has used; NaN where the clock is unavailable.</summary>
    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(CLOCK_THREAD_CPUTIME_ID, out var t) != 0) return double.NaN;
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
