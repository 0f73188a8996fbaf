using WasmSharp.Wast;

namespace WasmSharp.Bench.Report;

/// <summary>Paths and settings shared by the report's sections.</summary>
internal sealed class BenchContext
{
    public required bool Smoke { get; init; }
    public required int Runs { get; init; }
    public string Root { get; } = SharedData.RepositoryRoot;
    public string Scratch => Path.Combine(Root, "bench", ".scratch");
    public string NodeScripts => Path.Combine(Root, "bench", "node");
    public string HelloWasm => Path.Combine(Root, "examples", "hello.wasm");

    /// <summary>The published wasmsharp command (bench/run.sh publishes src/WasmSharp.Cli here), or $WASMSHARP_CLI
    /// to measure another build.</summary>
    public string WasmSharpCli => Environment.GetEnvironmentVariable("WASMSHARP_CLI") is { Length: > 0 } cli
        ? cli
        : Path.Combine(Scratch, "cli", "WasmSharp.Cli");

    /// <summary>The NativeAOT wasmsharp for the start-up rows: $WASMSHARP_AOT_CLI, else (full runs) the one
    /// bench/run.sh publishes into bench/.scratch/cli-aot; null when there is none (smoke runs use the JIT build).</summary>
    public string? NativeCli => Environment.GetEnvironmentVariable("WASMSHARP_AOT_CLI") is { Length: > 0 } cli
        ? cli
        : !Smoke && File.Exists(Path.Combine(Scratch, "cli-aot", "wasmsharp")) ? Path.Combine(Scratch, "cli-aot", "wasmsharp") : null;

    /// <summary>This program's app host: Wasmtime runs in a child process of it, like every other runtime.</summary>
    public static string Self => Path.Combine(AppContext.BaseDirectory, "WasmSharp.Bench");

    /// <summary>Where Wasmtime runs: the self-contained composite ReadyToRun build of this program that full runs of
    /// bench/run.sh publish into bench/.scratch/wasmtime-host (started like the JIT wasmsharp), else this program.</summary>
    public string WasmtimeHost => !Smoke && File.Exists(Path.Combine(Scratch, "wasmtime-host", "WasmSharp.Bench"))
        ? Path.Combine(Scratch, "wasmtime-host", "WasmSharp.Bench")
        : Self;

    /// <summary>Failures (wrong output, crashes) seen so far: reported at the end, and they fail the run.</summary>
    public List<string> Failures { get; } = [];

    public IReadOnlyList<BenchProgram> Programs { get; } = BenchProgram.Load(SharedData.Bench);

    /// <summary>The auto-vectorized programs of ../shared/bench-simd: run-time table only.</summary>
    public IReadOnlyList<BenchProgram> SimdPrograms { get; } = BenchProgram.Load(SharedData.BenchSimd, simd: true);

    /// <summary>Smoke mode: only the smallest program, at its small argument.</summary>
    public IReadOnlyList<BenchProgram> RunPrograms =>
        Smoke ? [Programs.MinBy(p => new FileInfo(p.Wasm).Length)!] : Programs;

    /// <summary>The run-time table's SIMD rows (smoke mode: the smallest).</summary>
    public IReadOnlyList<BenchProgram> RunSimdPrograms =>
        Smoke ? [SimdPrograms.MinBy(p => new FileInfo(p.Wasm).Length)!] : SimdPrograms;
}
