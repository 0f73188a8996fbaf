using System.IO.MemoryMappedFiles;
using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>
/// Start-up without compiling: <c>wasmsharp run</c> cold (compiling, <c>--disable-cache</c>) against warm (loading the
/// compiled module from the cache), for examples/hello.wasm and the large npm modules, next to a trivial NativeAOT
/// process and the time to map and touch the cached artifact, whose sum, doubled, is the goal for a warm start; then a
/// <c>create-exe</c> binary's start-up. All in one run, so the ratios hold on a loaded machine.
/// </summary>
internal static class WarmStartSection
{
    private const string Hello = "Hello, WebAssembly!";

    /// <summary>The large modules import JavaScript functions: their runs stop at linking, after the module is
    /// compiled or loaded, which is what these rows time.</summary>
    private const string StopsAtLinking = "unknown import";

    public static void Write(BenchContext ctx, ReportWriter report, IReadOnlyList<string> largeModules)
    {
        var cli = ctx.NativeCli ?? ctx.WasmSharpCli;
        int runs = ctx.Smoke ? 1 : 10, coldLargeRuns = ctx.Smoke ? 1 : 3;
        string cache = Path.Combine(ctx.Scratch, "startup-cache");
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        var trivial = Measure(ctx, "trivial process", cli, ["--version"], runs, _ => true);

        var modules = new List<(string Label, string Path, bool Large)> { ("hello.wasm (examples)", ctx.HelloWasm, false) };
        modules.AddRange(largeModules.Select(p => (CompileSection.LargeLabel(p), p, true)));
        var rows = modules.Select(m => Row(ctx, cli, cache, m, trivial, m.Large ? coldLargeRuns : runs, runs)).ToList();

        report.Heading("Start-up without compiling: cold, warm, create-exe");
        report.Paragraph($"`wasmsharp run` ({(ctx.NativeCli is null ? "the JIT build: this smoke run has no NativeAOT build" : "NativeAOT build")}) " +
            $"cold (`--disable-cache`: decode, validate, compile) and warm (the compiled module loaded from the cache: " +
            $"the module's hash remembered by the cache's index, the artifact checksummed and mapped, " +
            $"no compiling), median wall time of {runs} warm run(s) and {coldLargeRuns} cold run(s) of the large modules. " +
            "**map** is the time to map the cached artifact and touch each of its pages (in this harness's process); " +
            $"**goal** is 2 × (a trivial process + map), the issue's target for a warm start; a trivial process is " +
            $"`wasmsharp --version`: {Ms(trivial)}. The large npm modules import JavaScript functions, so each run stops " +
            "at linking, after the module is compiled or loaded: the times cover exactly that.");
        report.Table("warm-start", ["module", "code section", "artifact", "cold", "warm", "cold / warm", "map", "goal", "warm / goal"], rows);
        report.Table("create-exe", ["process", "wall time"], ProcessRows(ctx, cli, trivial, runs));
    }

    private static Cell[] Row(BenchContext ctx, string cli, string cache, (string Label, string Path, bool Large) m, double? trivial, int coldRuns, int warmRuns)
    {
        int code = WasmSharp.Binary.ModuleDecoder.Decode(File.ReadAllBytes(m.Path)).CodeSectionSize;
        Func<ProcessResult, bool> ok = m.Large
            ? r => r.ExitCode == 1 && r.Stderr.Contains(StopsAtLinking, StringComparison.Ordinal)
            : r => r.ExitCode == 0 && r.Stdout.StartsWith(Hello, StringComparison.Ordinal);
        var cold = Measure(ctx, $"cold run of {m.Label}", cli, ["run", "--disable-cache", m.Path], coldRuns, ok);
        // the first cached run compiles and stores the entry; the measured ones load it
        var prime = Measure(ctx, $"caching {m.Label}", cli, ["run", "--cache-dir", cache, m.Path], 1, ok);
        var warm = prime is null ? null : Measure(ctx, $"warm run of {m.Label}", cli, ["run", "--cache-dir", cache, m.Path], warmRuns, ok);
        string? artifact = Directory.Exists(cache) ? Directory.GetFiles(cache, "*.wsm").MaxBy(File.GetLastWriteTimeUtc) : null;
        double? map = artifact is null ? null : MedianMapMs(artifact, warmRuns);
        double? goal = trivial is double t && map is double mp ? 2 * (t + mp) : null;
        Console.Error.WriteLine($"warm start: {m.Label} done");
        return
        [
            m.Label,
            new Cell($"{Num(code / 1e6, "F3")} MB", code / 1e6, "MB"),
            artifact is null ? "FAILED" : new Cell($"{Num(new FileInfo(artifact).Length / 1e6, "F3")} MB", new FileInfo(artifact).Length / 1e6, "MB"),
            Ms(cold), Ms(warm),
            cold is double c && warm is double w ? new Cell($"{Num(c / w, "F1")}×", Math.Round(c / w, 2), "x") : "–",
            Ms(map), Ms(goal),
            warm is double w2 && goal is double g ? new Cell($"{Num(w2 / g, "F2")}", Math.Round(w2 / g, 3), "x") : "–",
        ];
    }

    /// <summary>A create-exe binary of hello against the trivial process and a warm <c>run</c>.</summary>
    private static IEnumerable<Cell[]> ProcessRows(BenchContext ctx, string cli, double? trivial, int runs)
    {
        yield return [$"trivial {(ctx.NativeCli is null ? "JIT" : "NativeAOT")} process (`wasmsharp --version`)", Ms(trivial)];
        if (ctx.NativeCli is null)
        {
            yield return ["`create-exe` binary of hello.wasm", "not available: needs the NativeAOT build (full run)"];
            yield break;
        }
        string exe = Path.Combine(ctx.Scratch, "hello-exe");
        var made = ProcessRunner.Run(cli, ["create-exe", ctx.HelloWasm, "-o", exe]);
        if (made.ExitCode != 0)
        {
            ctx.Failures.Add($"create-exe of hello.wasm: {ProcessRunner.Reason(made)}");
            yield return ["`create-exe` binary of hello.wasm", "FAILED"];
            yield break;
        }
        var ms = Measure(ctx, "create-exe binary", exe, [], runs, r => r.ExitCode == 0 && r.Stdout.StartsWith(Hello, StringComparison.Ordinal));
        yield return ["`create-exe` binary of hello.wasm", Ms(ms)];
    }

    /// <summary>Median wall time of <paramref name="runs"/> runs, or null (and a failure) when one goes wrong.</summary>
    private static double? Measure(BenchContext ctx, string what, string file, string[] args, int runs, Func<ProcessResult, bool> ok)
    {
        var walls = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var r = ProcessRunner.Run(file, args);
            if (!ok(r))
            {
                ctx.Failures.Add($"start-up, {what}: exit {r.ExitCode}, {ProcessRunner.Reason(r)}");
                return null;
            }
            walls.Add(r.WallMs);
        }
        return Stats.Median(walls);
    }

    /// <summary><c>map [--runs N] FILE...</c>: the map time of each file as the report computes it (the median of
    /// N runs, default 21), for measuring warm starts against the goal outside a full report.</summary>
    public static int MapCommand(string[] args)
    {
        int runs = 21;
        if (args.Length >= 2 && args[0] == "--runs")
        {
            runs = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            args = args[2..];
        }
        foreach (var path in args)
            Console.WriteLine($"{MedianMapMs(path, runs):F3} ms  {path}");
        return args.Length > 0 ? 0 : 2;
    }

    /// <summary>The map time the report gives: the median of <paramref name="runs"/> runs of <see cref="MapMs"/>.</summary>
    private static double MedianMapMs(string path, int runs) => Stats.Median([.. Enumerable.Range(0, runs).Select(_ => MapMs(path))]);

    /// <summary>Maps the artifact and reads a byte of each page, as a load must at least do.</summary>
    private static double MapMs(string path)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long length = new FileInfo(path).Length;
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        int sum = 0;
        for (long at = 0; at < length; at += Environment.SystemPageSize) sum += view.ReadByte(at);
        GC.KeepAlive(sum);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static Cell Ms(double? ms) => ms is double v
        ? new Cell($"{Num(v, v < 10 ? "F1" : "F0")} ms", Math.Round(v, 2), "ms")
        : "FAILED";
}
