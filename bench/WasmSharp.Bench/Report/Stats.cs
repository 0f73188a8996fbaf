namespace WasmSharp.Bench.Report;

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double GeoMean(IReadOnlyList<double> values) => Math.Exp(values.Average(Math.Log));
}
