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
}
