using WasmSharp.Compilers;
using WasmSharp.Singlepass;

namespace WasmSharp.Bench.Report;

/// <summary>A compiler measured for compile throughput: compile times (ms) of one module, or why it is not available.</summary>
internal sealed record Compiler(string Name, Func<string, byte[], int, int, IReadOnlyList<double>> Measure)
{
    public string? Unavailable { get; init; }

    /// <summary>For an all-core column: the one-thread column of the same compiler, whose time its speed-up is of.</summary>
    public string? OneThread { get; init; }

    /// <summary>Times of <paramref name="runs"/> compiles after <paramref name="warmup"/> untimed ones.</summary>
    public IReadOnlyList<double> Times(string path, byte[] bytes, int warmup, int runs) => Measure(path, bytes, warmup, runs);
}

internal static class Compilers
{
    /// <summary>Type of the CIL compiler, once its assembly is part of the build.</summary>

    /// <summary>The column of a WasmSharp compiler on one thread, or on every core (<see cref="EngineConfig.ParallelCompilation"/>).</summary>
    public static string Column(string compiler, bool parallel) =>
        parallel ? $"{compiler}, {Environment.ProcessorCount} threads" : $"{compiler}, 1 thread";

    public static IReadOnlyList<Compiler> All(BenchContext ctx) =>
    [
        WasmSharp("WasmSharp Singlepass AVX", () => new SinglepassCompiler(), X64CpuLevel.Avx, parallel: false),
        WasmSharp("WasmSharp Singlepass AVX", () => new SinglepassCompiler(), X64CpuLevel.Avx, parallel: true),
        WasmSharp("WasmSharp Singlepass SSE4.2", () => new SinglepassCompiler(), X64CpuLevel.Sse42, parallel: false),
        Cil(parallel: false),
        Cil(parallel: true),
        Wasmtime("Wasmtime Cranelift", "cranelift"),
        Wasmtime("Wasmtime Winch", "winch"),
        V8(ctx, "V8 Liftoff", "--liftoff-only"),
        V8(ctx, "V8 TurboFan", "--no-liftoff"),
    ];

    private static Compiler WasmSharp(string name, Func<ICompiler> compiler, X64CpuLevel cpu, bool parallel)
    {
        var engine = new Engine(compiler(), new EngineConfig { X64Cpu = cpu, ParallelCompilation = parallel });
        return new(Column(name, parallel), (_, bytes, warmup, runs) => InProcess(() => Module.FromBytes(engine, bytes).Dispose(), warmup, runs))
        {
            OneThread = parallel ? Column(name, false) : null,
        };
    }

    /// <summary>All functions compiled eagerly, RyuJIT included (by default the compiler emits large modules
    /// lazily and leaves machine code to each function's first call). On every core, the JIT step runs in parallel;
    /// emitting the CIL stays on one thread.</summary>
    private static Compiler Cil(bool parallel) => WasmSharp("WasmSharp CIL (eager, to machine code)",
        () => new WasmSharp.Cil.CilCompiler { LazyThreshold = int.MaxValue, PrecompileToMachineCode = true }, X64CpuLevel.Auto, parallel);

    private static Compiler Wasmtime(string name, string strategy)
    {
        var engine = WasmtimeHost.CreateEngine(strategy, parallelCompilation: false);
        return new(name, (path, bytes, warmup, runs) =>
            InProcess(() => global::Wasmtime.Module.FromBytes(engine, Path.GetFileName(path), bytes).Dispose(), warmup, runs));
    }

    /// <summary>Synchronous compiles on V8's main thread: no background tasks, no lazy compilation, no module cache
    /// (which would otherwise return the first compile's code to every later one).</summary>
    private static Compiler V8(BenchContext ctx, string name, string tierFlag) => new(name, (path, _, warmup, runs) =>
    {
        var result = ProcessRunner.Run("node", [tierFlag, "--wasm-num-compilation-tasks=0", "--no-wasm-lazy-compilation",
            "--no-wasm-native-module-cache-enabled", Path.Combine(ctx.NodeScripts, "compile.mjs"), path, (warmup + runs).ToString()]);
        if (result.ExitCode != 0) throw new InvalidOperationException(ProcessRunner.Reason(result));
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(warmup).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    });

    private static List<double> InProcess(Action compile, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) compile();
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            compile();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
