using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>Singlepass compile throughput on one thread (decode, validate and compile): MB of code section per
/// second, median of repeated compiles, on the AVX and SSE4.2 paths.</summary>
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
            foreach (var cpu in new[] { X64CpuLevel.Avx, X64CpuLevel.Sse42 })
            {
                var engine = new Engine(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu });
                var module = Module.FromBytes(engine, bytes);
                double ratio = (double)module.CodeSize / module.Info.CodeSectionSize;
                module.Dispose();
                double ms = Timing.MedianMilliseconds(() => Module.FromBytes(engine, bytes).Dispose(), minRuns: 5, budgetMs: 3000, maxRuns: 100);
                double mb = module.Info.CodeSectionSize / 1e6;
                Console.WriteLine($"| {Path.GetFileName(path)} | {mb:F2} MB | {cpu} | {ms:F1} ms | {mb / (ms / 1000):F1} MB/s | {ratio:F1}x |");
            }
        }
        return 0;
    }
}
