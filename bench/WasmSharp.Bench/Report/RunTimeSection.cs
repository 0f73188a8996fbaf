using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>Wall time of each bench program under each runtime (median of runs, whole process: start-up, compile
/// and run), its ratio to native, and a geometric-mean row. Runtimes take turns per run, so noise hits all alike.</summary>
internal static class RunTimeSection
{
    public static void Write(BenchContext ctx, IReadOnlyList<Runtime> runtimes, ReportWriter report)
    {
        var programs = ctx.RunPrograms.Concat(ctx.RunSimdPrograms).ToList();
        var medians = new Dictionary<(string Program, string Runtime), double>();
        foreach (var program in programs)
            foreach (var (runtime, ms) in MeasureProgram(ctx, program, runtimes))
                medians[(program.Name, runtime)] = ms;

        report.Heading("Run time");
        report.Paragraph($"Wall time of the whole process (start-up, compile, run), median of {ctx.Runs} run(s), " +
            $"{(ctx.Smoke ? "small" : "default")} arguments; in brackets: ratio to native. The v* rows are ../shared/bench-simd " +
            "(auto-vectorized 128-bit SIMD; native built with -march=x86-64-v2), outside the geometric mean. Every run's output is checked " +
            "against the expected checksum line. Runtimes take turns within each round of runs. Wasmtime runs in a small " +
            ".NET host (`WasmSharp.Bench wasmtime-run`, parallel compilation on, as by default); V8 is `node` with " +
            "`node:wasi` and `--no-turbo-fast-api-calls`, in its default tiering, `--liftoff-only`, or `--no-liftoff`. " +
            "Native links glibc, whose mem*/str* routines are vectorized; the Wasm builds carry wasi-libc's plain C ones " +
            "(see strops).");
        var header = new[] { "program" }.Concat(runtimes.Select(r => r.Name)).ToArray();
        var rows = programs.Select(p => Row(p, runtimes, r => medians.TryGetValue((p.Name, r.Name), out var v) ? v : null,
            r => medians[(p.Name, runtimes[0].Name)])).ToList();
        rows.Add(GeoMeanRow(ctx.RunPrograms, runtimes, medians));
        report.Table("run time", header, rows);
        Unavailable(runtimes, report);
    }

    private static IEnumerable<(string Runtime, double Ms)> MeasureProgram(BenchContext ctx, BenchProgram program, IReadOnlyList<Runtime> runtimes)
    {
        var times = runtimes.ToDictionary(r => r.Name, _ => new List<double>());
        var live = runtimes.Where(r => r.Unavailable is null && (r.Simd || !program.Simd)).ToList();
        for (int run = 0; run < ctx.Runs; run++)
            foreach (var runtime in live.ToList())
            {
                double? ms = RunOnce(ctx, program, runtime);
                if (ms is null) live.Remove(runtime);
                else times[runtime.Name].Add(ms.Value);
            }
        Console.Error.WriteLine($"run time: {program.Name} done");
        return times.Where(t => t.Value.Count == ctx.Runs).Select(t => (t.Key, Stats.Median(t.Value)));
    }

    /// <summary>One run; a wrong checksum or a failed process is recorded as a failure (the cell stays empty).</summary>
    private static double? RunOnce(BenchContext ctx, BenchProgram program, Runtime runtime)
    {
        var (file, args) = runtime.For(program.Wasm, program.Arg(ctx.Smoke));
        var result = ProcessRunner.Run(file, args);
        string output = result.Stdout.Trim();
        if (result.ExitCode == 0 && output == program.Expected(ctx.Smoke)) return result.WallMs;
        string failure = $"{runtime.Name} on {program.Name} {program.Arg(ctx.Smoke)}: exit {result.ExitCode}, " +
            $"output \"{output}\", expected \"{program.Expected(ctx.Smoke)}\"" +
            (result.Stderr.Trim().Length > 0 ? $"; stderr: {ProcessRunner.Reason(result)}" : "");
        Console.Error.WriteLine("FAILED: " + failure);
        ctx.Failures.Add(failure);
        return null;
    }

    private static Cell[] Row(BenchProgram program, IReadOnlyList<Runtime> runtimes, Func<Runtime, double?> value, Func<Runtime, double> native) =>
        [program.Name, .. runtimes.Select(r => r.Unavailable is not null ? "not available"
            : program.Simd && !r.Simd ? "not available: SIMD"
            : value(r) is double ms ? Time(ms, ms / native(r)) : "FAILED")];

    private static Cell Time(double ms, double ratio) =>
        new($"{Num(ms / 1000, "F3")} s ({Num(ratio, "F2")}x)", Math.Round(ms / 1000, 4), "s", Math.Round(ratio, 3));

    private static Cell[] GeoMeanRow(IReadOnlyList<BenchProgram> programs, IReadOnlyList<Runtime> runtimes,
        Dictionary<(string, string), double> medians)
    {
        string nativeName = runtimes[0].Name;
        return ["**geometric mean**", .. runtimes.Select(r =>
        {
            if (r.Unavailable is not null) return "not available";
            var ratios = programs.Where(p => medians.ContainsKey((p.Name, r.Name)))
                .Select(p => medians[(p.Name, r.Name)] / medians[(p.Name, nativeName)]).ToList();
            if (ratios.Count != programs.Count) return "FAILED";
            double mean = Stats.GeoMean(ratios);
            return new Cell($"**{Num(mean, "F2")}x**", Ratio: Math.Round(mean, 3));
        })];
    }

    public static void Unavailable(IEnumerable<Runtime> runtimes, ReportWriter report)
    {
        foreach (var r in runtimes.Where(r => r.Unavailable is not null))
            report.Paragraph($"- {r.Name}: not available: {r.Unavailable}");
    }
}
