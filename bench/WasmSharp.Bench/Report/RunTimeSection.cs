using System.Globalization;
using System.Text.RegularExpressions;
using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>Wall time of each bench program under each runtime (median of runs, whole process: start-up, compile
/// and run), its ratio to native, and a geometric-mean row. Runtimes take turns per run, so noise hits all alike.</summary>
internal static partial class RunTimeSection
{
    /// <summary>Every runtime that can say so prints its compile and run phases on stderr when this is set
    /// (`wasmsharp run --timings`, this harness's wasmtime-run, bench/node/wasi-run.mjs).</summary>
    private static readonly Dictionary<string, string> TimingsOn = new() { ["WASMSHARP_TIMINGS"] = "1" };

    /// <summary>Compile (or load) and run phases of one run, in ms, as a runtime printed them.</summary>
    private readonly record struct Phases(double Compile, double Run);

    [GeneratedRegex(@"^\w+ timings: (?:load|compile) ([0-9.]+) ms.*, run ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex TimingsLine();

    public static void Write(BenchContext ctx, IReadOnlyList<Runtime> runtimes, ReportWriter report)
    {
        var programs = ctx.RunPrograms.Concat(ctx.RunSimdPrograms).ToList();
        var medians = new Dictionary<(string Program, string Runtime), double>();
        var phases = new Dictionary<(string Program, string Runtime), (double Wall, Phases Phases)>();
        foreach (var program in programs)
            foreach (var (runtime, ms, phase) in MeasureProgram(ctx, program, runtimes))
            {
                medians[(program.Name, runtime)] = ms;
                if (phase is Phases p) phases[(program.Name, runtime)] = (ms, p);
            }

        report.Heading("Run time");
        report.Paragraph($"Wall time of the whole process (start-up, compile, run), median of {ctx.Runs} run(s), " +
            $"{(ctx.Smoke ? "small" : "default")} arguments; in brackets: ratio to native. The v* rows are ../shared/bench-simd " +
            "(auto-vectorized 128-bit SIMD; native built with -march=x86-64-v2), outside the geometric mean. Every run's output is checked " +
            "against the expected checksum line. Runtimes take turns within each round of runs. WasmSharp's Singlepass columns run " +
            (ctx.NativeCli is null ? "the JIT build of `wasmsharp` (smoke run: no NativeAOT build)" : "the NativeAOT `wasmsharp`, as users ship it") +
            "; its CIL columns need the JIT (Reflection.Emit) and run the JIT build. Both compile on all cores (the default). " +
            "Wasmtime runs in a small " +
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
        report.Paragraph("How each runtime is hosted (what its wall time carries besides compiling and running): " +
            string.Join("; ", runtimes.Where(r => r.Host.Length > 0).GroupBy(r => r.Host)
                .Select(g => $"{string.Join(", ", g.Select(r => r.Name))}: {g.Key}")) + ".");
        WritePhases(programs, runtimes, phases, report);
    }

    /// <summary>The phases the runtimes printed (median of each), and what is left of the wall time: process and
    /// runtime start-up, instantiation, exit.</summary>
    private static void WritePhases(List<BenchProgram> programs, IReadOnlyList<Runtime> runtimes,
        Dictionary<(string Program, string Runtime), (double Wall, Phases Phases)> phases, ReportWriter report)
    {
        var timed = runtimes.Where(r => programs.Any(p => phases.ContainsKey((p.Name, r.Name)))).ToList();
        if (timed.Count == 0) return;
        report.Heading("Run time by phase");
        report.Paragraph("The same runs, split where the runtime can say it (`wasmsharp run --timings`: loading the module, " +
            "i.e. read, decode, validate and compile; Wasmtime: `Module.FromFile`, then instantiate and `_start`; node: " +
            "`new WebAssembly.Module`, then instantiate and `wasi.start`, V8 compiling lazily inside the run in its default and " +
            "Liftoff tiering). Cells: compile + run, median of each; \"rest\" is the median wall time less both: process and " +
            "runtime start-up, instantiation and exit.");
        var rows = programs.Select(p => (IReadOnlyList<Cell>)[(Cell)p.Name, .. timed.Select(r => PhaseCell(phases, p, r))]).ToList();
        report.Table("run time by phase", ["program", .. timed.Select(r => r.Name)], rows);
    }

    private static Cell PhaseCell(Dictionary<(string Program, string Runtime), (double Wall, Phases Phases)> phases, BenchProgram program, Runtime runtime)
    {
        if (!phases.TryGetValue((program.Name, runtime.Name), out var t)) return "—";
        double rest = t.Wall - t.Phases.Compile - t.Phases.Run;
        return new Cell($"{Num(t.Phases.Compile, t.Phases.Compile < 10 ? "F2" : "F0")} ms + {Num(t.Phases.Run / 1000, "F3")} s; rest {Num(rest, "F0")} ms",
            Math.Round(t.Phases.Compile, 3), "ms compile");
    }

    private static IEnumerable<(string Runtime, double Ms, Phases? Phases)> MeasureProgram(BenchContext ctx, BenchProgram program, IReadOnlyList<Runtime> runtimes)
    {
        var times = runtimes.ToDictionary(r => r.Name, _ => new List<double>());
        var phases = runtimes.ToDictionary(r => r.Name, _ => new List<Phases>());
        var live = runtimes.Where(r => r.Unavailable is null && (r.Simd || !program.Simd)).ToList();
        for (int run = 0; run < ctx.Runs; run++)
            foreach (var runtime in live.ToList())
            {
                var result = RunOnce(ctx, program, runtime);
                if (result is null) { live.Remove(runtime); continue; }
                times[runtime.Name].Add(result.Value.Ms);
                if (result.Value.Phases is Phases p) phases[runtime.Name].Add(p);
            }
        Console.Error.WriteLine($"run time: {program.Name} done");
        return times.Where(t => t.Value.Count == ctx.Runs).Select(t => (t.Key, Stats.Median(t.Value),
            phases[t.Key].Count == ctx.Runs ? new Phases(Stats.Median(phases[t.Key].Select(p => p.Compile).ToList()),
                Stats.Median(phases[t.Key].Select(p => p.Run).ToList())) : (Phases?)null));
    }

    /// <summary>One run; a wrong checksum or a failed process is recorded as a failure (the cell stays empty).</summary>
    private static (double Ms, Phases? Phases)? RunOnce(BenchContext ctx, BenchProgram program, Runtime runtime)
    {
        var (file, args) = runtime.For(program.Wasm, program.Arg(ctx.Smoke));
        var result = ProcessRunner.Run(file, args, TimingsOn);
        string output = result.Stdout.Trim();
        if (result.ExitCode == 0 && output == program.Expected(ctx.Smoke)) return (result.WallMs, ParsePhases(result.Stderr));
        string failure = $"{runtime.Name} on {program.Name} {program.Arg(ctx.Smoke)}: exit {result.ExitCode}, " +
            $"output \"{output}\", expected \"{program.Expected(ctx.Smoke)}\"" +
            (result.Stderr.Trim().Length > 0 ? $"; stderr: {ProcessRunner.Reason(result)}" : "");
        Console.Error.WriteLine("FAILED: " + failure);
        ctx.Failures.Add(failure);
        return null;
    }

    private static Phases? ParsePhases(string stderr)
    {
        var m = TimingsLine().Match(stderr);
        return m.Success ? new Phases(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
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
