using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>Singlepass compile throughput on one thread (decode, validate and compile): MB of code section per
/// second, median of repeated compiles, for x86-64 (AVX and SSE4.2 paths) and AArch64 (cross-compiled on an x86-64
/// host: the code is compiled, never run).</summary>
internal static class CompileBenchmark
{
    public static int Run(string[] files)
    {
        var inputs = files.Length > 0 ? files : DecodeBenchmark.DefaultInputs();
        Console.WriteLine("| module | code section | path | compile (median) | throughput | code out / in |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: |");
        foreach (var path in inputs)
        {
            var bytes = File.ReadAllBytes(path);
            foreach (var (name, config) in Targets)
            {
                var engine = new Engine(new SinglepassCompiler(), config);
                var module = Module.FromBytes(engine, bytes);
                double ratio = (double)module.CodeSize / module.Info.CodeSectionSize;
                module.Dispose();
                double ms = Timing.MedianMilliseconds(() => Module.FromBytes(engine, bytes).Dispose(), minRuns: 5, budgetMs: 3000, maxRuns: 100);
                double mb = module.Info.CodeSectionSize / 1e6;
                Console.WriteLine($"| {Path.GetFileName(path)} | {mb:F2} MB | {name} | {ms:F1} ms | {mb / (ms / 1000):F1} MB/s | {ratio:F1}x |");
            }
        }
        return 0;
    }

    internal static readonly (string Name, EngineConfig Config)[] Targets =
    [
        ("x86_64 AVX", new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Avx }),
        ("x86_64 SSE4.2", new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42 }),
        ("aarch64", new EngineConfig { Target = TargetIsa.Arm64 }),
    ];
}
