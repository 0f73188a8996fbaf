using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>Start-up: wall time and peak RSS of running examples/hello.wasm to completion (GNU time's %M).</summary>
internal static class StartupSection
{
    public static void Write(BenchContext ctx, IReadOnlyList<Runtime> runtimes, NativeBuilds native, ReportWriter report)
    {
        int runs = ctx.Smoke ? 1 : 10;
        var chosen = runtimes.Where(r => r.Name is "native (clang -O2)" or "WasmSharp Singlepass AVX" or "WasmSharp CIL"
            or "Wasmtime Cranelift" or "Wasmtime Winch" or "V8 default (node)").ToList();
        var rows = chosen.Select(r => Row(ctx, r, native, runs)).ToList();
        report.Heading("Start-up and memory");
        report.Paragraph($"`hello.wasm` (examples/) run to completion: median wall time and peak RSS of {runs} run(s), " +
            "measured with `/usr/bin/time`. WasmSharp runs `wasmsharp run` (Singlepass: the NativeAOT build in full runs; CIL: the JIT build); Wasmtime runs in a small .NET host (this " +
            "harness's `wasmtime-run`) through its .NET embedding; V8 is `node` with `node:wasi`. Native is examples/hello.c.");
        report.Table("startup", ["runtime", "wall time", "peak RSS"], rows);
        RunTimeSection.Unavailable(chosen, report);
    }

    private static Cell[] Row(BenchContext ctx, Runtime runtime, NativeBuilds native, int runs)
    {
        if (runtime.Unavailable is not null) return [runtime.Name, "not available", "not available"];
        var (file, args) = runtime.For(runtime.Native ? native.HelloPath : ctx.HelloWasm);
        var walls = new List<double>();
        var rss = new List<double>();
        var report = Path.Combine(ctx.Scratch, "time.txt");
        for (int i = 0; i < runs; i++)
        {
            var result = ProcessRunner.Run("/usr/bin/time", ["-f", "%M", "-o", report, file, .. args]);
            if (result.ExitCode != 0 || !result.Stdout.StartsWith("Hello, WebAssembly!", StringComparison.Ordinal))
            {
                ctx.Failures.Add($"{runtime.Name} on hello.wasm: exit {result.ExitCode}, output \"{result.Stdout.Trim()}\" {ProcessRunner.Reason(result)}");
                return [runtime.Name, "FAILED", "FAILED"];
            }
            walls.Add(result.WallMs);
            rss.Add(double.Parse(File.ReadAllLines(report).Last(), System.Globalization.CultureInfo.InvariantCulture));
        }
        double ms = Stats.Median(walls), mib = Stats.Median(rss) / 1024;
        return [runtime.Name, new Cell($"{Num(ms, "F1")} ms", Math.Round(ms, 2), "ms"), new Cell($"{Num(mib, "F1")} MiB", Math.Round(mib, 2), "MiB")];
    }
}
