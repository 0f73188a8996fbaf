using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>Singlepass compile throughput on one thread (decode, validate and compile): MB of code section per
/// second, median of repeated compiles, for x86-64 (AVX and SSE4.2 paths) and AArch64 (cross-compiled on an x86-64
/// host: the code is compiled, never run).
/// Usage: <c>compile [--paths avx,sse4.2,aarch64] [--no-warmup] [FILE.wasm...]</c>: the paths in that order.</summary>
internal static class CompileBenchmark
{
    /// <summary>How long every path is compiled, round-robin, before anything is timed. The code generator is shared
    /// by the paths: without this, whichever path is measured first runs on tier-0 and OSR code while the JIT tiers it
    /// up (and dynamic PGO collects its profile), and reads a few MB/s slow.</summary>
    private const int WarmupMs = 4000;

    public static int Run(string[] args)
    {
        var targets = Targets;
        bool warmup = true;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-warmup") warmup = false;
            else if (args[i] == "--paths" && i + 1 < args.Length) targets = Select(args[++i]);
            else files.Add(args[i]);
        }
        var inputs = files.Count > 0 ? files.ToArray() : DecodeBenchmark.DefaultInputs();
        if (warmup) WarmUp(inputs, targets);
        Console.WriteLine("| module | code section | path | compile (median) | throughput | thread CPU (median) | throughput by CPU | code out / in |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var path in inputs)
        {
            var bytes = File.ReadAllBytes(path);
            foreach (var (name, config) in targets)
            {
                var engine = new Engine(new SinglepassCompiler(), config);
                var module = Module.FromBytes(engine, bytes);
                double ratio = (double)module.CodeSize / module.Info.CodeSectionSize;
                module.Dispose();
                var (ms, cpu) = Timing.MedianWallAndCpu(() => Module.FromBytes(engine, bytes).Dispose(), minRuns: 5, budgetMs: 3000, maxRuns: 100);
                double mb = module.Info.CodeSectionSize / 1e6;
                Console.WriteLine($"| {Path.GetFileName(path)} | {mb:F2} MB | {name} | {ms:F1} ms | {mb / (ms / 1000):F1} MB/s | " +
                    $"{cpu:F1} ms | {mb / (cpu / 1000):F1} MB/s | {ratio:F1}x |");
            }
        }
        return 0;
    }

    /// <summary>Compiles the inputs on every selected path in turn until <see cref="WarmupMs"/> has passed.</summary>
    private static void WarmUp(string[] inputs, (string Name, EngineConfig Config)[] targets)
    {
        var all = inputs.Select(File.ReadAllBytes).ToArray();
        var engines = targets.Select(t => new Engine(new SinglepassCompiler(), t.Config)).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < WarmupMs)
            foreach (var bytes in all)
                foreach (var engine in engines)
                    Module.FromBytes(engine, bytes).Dispose();
    }

    private static (string Name, EngineConfig Config)[] Select(string names) =>
        names.Split(',').Select(n => Targets.FirstOrDefault(t => t.Name.EndsWith(n, StringComparison.OrdinalIgnoreCase)) is { Name: not null } t
            ? t : throw new ArgumentException($"unknown path '{n}' (avx, sse4.2, aarch64)")).ToArray();

    internal static readonly (string Name, EngineConfig Config)[] Targets =
    [
        ("x86_64 AVX", new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Avx, ParallelCompilation = false }),
        ("x86_64 SSE4.2", new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42, ParallelCompilation = false }),
        ("aarch64", new EngineConfig { Target = TargetIsa.Arm64, ParallelCompilation = false }),
    ];
}
