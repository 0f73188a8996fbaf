using System.Diagnostics;

namespace WasmSharp.Bench;

/// <summary>The single-purpose benchmarks' measurement: one warm-up, then repeated runs until both a minimum count
/// and a time budget are reached (or a maximum count), and the median.</summary>
internal static class Timing
{
    public static double MedianMilliseconds(Action action, int minRuns, int budgetMs, int maxRuns)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < minRuns || (total.ElapsedMilliseconds < budgetMs && times.Count < maxRuns))
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>As <see cref="MedianMilliseconds"/>, and the median of the thread's CPU time per run beside it.</summary>
    public static (double Wall, double Cpu) MedianWallAndCpu(Action action, int minRuns, int budgetMs, int maxRuns)
    {
        action();
        var wall = new List<double>();
        var cpu = new List<double>();
        var total = Stopwatch.StartNew();
        while (wall.Count < minRuns || (total.ElapsedMilliseconds < budgetMs && wall.Count < maxRuns))
        {
            double cpuStart = ThreadCpuClock.Milliseconds();
            var sw = Stopwatch.StartNew();
            action();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuClock.Milliseconds() - cpuStart);
        }
        wall.Sort();
        cpu.Sort();
        return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
    }
}
