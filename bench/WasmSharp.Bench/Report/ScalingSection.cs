using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>Singlepass compile time per input byte for generated modules of growing size and hostile shape (the
/// "no JIT bomb" check of <see cref="ScalingBenchmark"/>), as a table and a PNG plot beside the report.</summary>
internal static class ScalingSection
{
    public static void Write(BenchContext ctx, ReportWriter report, string pngPath)
    {
        int[] sizes = ctx.Smoke ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000];
        var curves = ScalingBenchmark.Measure(sizes).ToList();
        report.Heading("Compile-time scaling (WasmSharp Singlepass)");
        report.Paragraph("Compile time per byte of module for generated modules of growing size and pathological shape " +
            "(`WasmSharp.Bench scaling`); flat rows mean linear compile time. Cells: ns per byte (module size).");
        var header = new[] { "shape" }.Concat(sizes.Select(s => $"n={s:N0}")).Append("max/min").ToArray();
        report.Table("scaling", header, curves.Select(c => Row(c.Shape, c.Points)));
        report.Paragraph(Plot(curves, pngPath) is string error
            ? $"Plot not available: {error}"
            : $"![compile time per byte by module size]({Path.GetFileName(pngPath)})");
        Console.Error.WriteLine("scaling: done");
    }

    private static Cell[] Row(string shape, List<(int Bytes, double Ms)> points)
    {
        var perByte = points.Select(p => p.Ms * 1e6 / p.Bytes).ToList();
        double spread = perByte.Max() / perByte.Min();
        return [shape, .. points.Select(p => new Cell($"{Num(p.Ms * 1e6 / p.Bytes, "F1")} ns/B ({Num(p.Bytes / 1024.0, "F0")} KiB)",
            Math.Round(p.Ms * 1e6 / p.Bytes, 2), "ns/B")), new Cell(Num(spread, "F2"), Math.Round(spread, 3))];
    }

    /// <summary>ScottPlot line per shape, both axes logarithmic (many locals costs 10x the others per byte). Returns an error message instead of throwing:
    /// a missing native drawing library must not cost the rest of the report.</summary>
    private static string? Plot(List<(string Shape, List<(int Bytes, double Ms)> Points)> curves, string pngPath)
    {
        try
        {
            var plot = new ScottPlot.Plot();
            foreach (var (shape, points) in curves)
            {
                var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.Bytes)).ToArray(),
                    points.Select(p => Math.Log10(p.Ms * 1e6 / p.Bytes)).ToArray());
                line.LegendText = shape;
            }
            plot.Title("WasmSharp Singlepass: compile time per byte (flat = linear)");
            plot.XLabel("module size (bytes)");
            plot.YLabel("ns per byte");
            plot.Axes.Bottom.TickGenerator = LogTicks();
            plot.Axes.Left.TickGenerator = LogTicks();
            plot.ShowLegend(ScottPlot.Edge.Right);
            plot.SavePng(pngPath, 1000, 500);
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or IOException)
        {
            return e.Message;
        }
    }

    /// <summary>Ticks at powers of ten for an axis that holds log10 values.</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
    };
}
