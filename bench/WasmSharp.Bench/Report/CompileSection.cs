using System.Text.Json;
using static WasmSharp.Bench.Report.ReportWriter;

namespace WasmSharp.Bench.Report;

/// <summary>Compile throughput: MB of code section per second and the absolute time (median), for the bench programs
/// and large real modules from pinned npm packages; every peer on one thread, WasmSharp also on every core.</summary>
internal static class CompileSection
{
    /// <summary>Modules with more code than this get fewer, unwarmed runs: one compile takes seconds there.</summary>
    private const int LargeCodeBytes = 1_000_000;

    public static void Write(BenchContext ctx, ReportWriter report)
    {
        var compilers = Compilers.All(ctx);
        var inputs = Inputs(ctx);
        var rows = inputs.Select(input => Row(ctx, input, compilers)).ToList();
        report.Heading("Compile throughput");
        report.Paragraph("Decode, validate and compile the whole module (WasmSharp `Module.FromBytes`; Wasmtime " +
            "`Module.FromBytes` with parallel compilation off; V8 `new WebAssembly.Module` with " +
            "`--wasm-num-compilation-tasks=0 --no-wasm-lazy-compilation --no-wasm-native-module-cache-enabled`). " +
            $"The peers run on one thread; WasmSharp on one thread (`ParallelCompilation = false`) and on all {Environment.ProcessorCount} " +
            $"cores of this machine (the default; the cell adds the speed-up over one thread). Singlepass splits a module of at least " +
            $"{ChunkPlanMinKiB} KiB of code into runs of functions compiled side by side (the code is the same byte for byte), so " +
            "the small bench programs compile on one thread either way; the CIL compiler emits CIL on one thread and has RyuJIT " +
            "compile the methods in parallel. The speed-up needs idle cores: Linux shares the CPU between sessions " +
            "(autogroup), so under a high load average a process gets its share whatever its thread count and the ratio stays " +
            "near 1; `WasmSharp.Bench parallel` gives the CPU split, which bounds the speed-up on idle cores. " +
            "Median time, and MB of code section per second. " + (ctx.Smoke ? "One unwarmed run each (smoke)." :
            $"Small modules: 1 warm-up and {SmallRuns(ctx)} runs; modules over 1 MB of code: {LargeRuns(ctx)} runs, no warm-up."));
        report.Table("compile", ["module", "code section", .. compilers.Select(c => c.Name)], rows);
        RunTimeSection.Unavailable(compilers.Select(c => new Runtime(c.Name, (_, _) => ("", [])) { Unavailable = c.Unavailable }), report);
    }

    /// <summary>Singlepass's threshold for parallel compilation (WasmSharp.Singlepass's ChunkPlan.MinParallelBytes).</summary>
    private const int ChunkPlanMinKiB = 128;

    private static int SmallRuns(BenchContext ctx) => ctx.Smoke ? 1 : 5;

    private static int LargeRuns(BenchContext ctx) => ctx.Smoke ? 1 : 3;

    private static Cell[] Row(BenchContext ctx, (string Label, string Path) input, IReadOnlyList<Compiler> compilers)
    {
        var bytes = File.ReadAllBytes(input.Path);
        int code = ModuleInfo.Load(bytes).CodeSectionSize;
        bool large = code > LargeCodeBytes;
        var cells = compilers.Select(c => Measure(ctx, c, input, bytes, code, large)).ToList();
        for (int i = 0; i < compilers.Count; i++)
        {
            int one = compilers.Select(c => c.Name).ToList().IndexOf(compilers[i].OneThread ?? "");
            // smoke runs are one unwarmed compile each: the first column pays the JIT warm-up, a ratio would mislead
            if (!ctx.Smoke && one >= 0 && cells[i].Value is double ms && cells[one].Value is double serial)
                cells[i] = cells[i] with { Text = $"{cells[i].Text} ({Num(serial / ms, "F2")}x)", Ratio = Math.Round(serial / ms, 3) };
        }
        Console.Error.WriteLine($"compile: {input.Label} done");
        return [input.Label, new Cell($"{Num(code / 1e6, "F3")} MB", code / 1e6, "MB"), .. cells];
    }

    private static Cell Measure(BenchContext ctx, Compiler compiler, (string Label, string Path) input, byte[] bytes, int code, bool large)
    {
        if (compiler.Unavailable is not null) return "not available";
        try
        {
            var times = compiler.Times(input.Path, bytes, warmup: large || ctx.Smoke ? 0 : 1, runs: large ? LargeRuns(ctx) : SmallRuns(ctx));
            double ms = Stats.Median(times);
            double throughput = code / 1e6 / (ms / 1000);
            return new Cell($"{Num(ms, ms < 10 ? "F2" : "F0")} ms, {Num(throughput, "F1")} MB/s", Math.Round(ms, 3), "ms");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string failure = $"{compiler.Name} compiling {input.Label}: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
            Console.Error.WriteLine("FAILED: " + failure);
            ctx.Failures.Add(failure);
            return "FAILED";
        }
    }

    private static List<(string Label, string Path)> Inputs(BenchContext ctx)
    {
        var list = ctx.RunPrograms.Select(p => (Path.GetFileName(p.Wasm), p.Wasm)).ToList();
        if (ctx.Smoke) return list;
        foreach (var path in LargeModules(ctx)) list.Add((LargeLabel(path), path));
        return list;
    }

    /// <summary>The .wasm files of bench/fetch-large-modules.sh (npm packages installed into bench/.scratch).</summary>
    internal static IReadOnlyList<string> LargeModules(BenchContext ctx)
    {
        var result = ProcessRunner.Run("bash", [Path.Combine(ctx.Root, "bench", "fetch-large-modules.sh")]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"fetch-large-modules.sh: {result.Stderr}");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>"esbuild.wasm (esbuild-wasm 0.28.2)", from the package.json above the file.</summary>
    internal static string LargeLabel(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var manifest = Path.Combine(dir, "package.json");
            if (!File.Exists(manifest)) continue;
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = json.RootElement;
            return $"{Path.GetFileName(path)} ({root.GetProperty("name").GetString()} {root.GetProperty("version").GetString()})";
        }
        return Path.GetFileName(path);
    }
}
