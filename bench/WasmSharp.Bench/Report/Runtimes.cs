namespace WasmSharp.Bench.Report;

/// <summary>A way to run a WASI command: the command line for one program and argument, or why it is not available.</summary>
internal sealed record Runtime(string Name, Func<string, string[], (string File, string[] Args)> Command, bool Native = false)
{
    public string? Unavailable { get; init; }

    /// <summary>Whether it runs 128-bit SIMD modules (bench-simd); cells of those it does not are "not available: SIMD".</summary>
    public bool Simd { get; init; } = true;

    public (string File, string[] Args) For(string wasm, params string[] args) => Command(wasm, args);

    /// <summary>How the runtime is hosted, for the report (what its wall time carries besides compile and run).</summary>
    public string Host { get; init; } = "";
}

internal static class Runtimes
{
    /// <summary>node:wasi crashes now and then in WASI calls without this flag (nodejs/node#46777).</summary>
    private const string NodeWasiFlag = "--no-turbo-fast-api-calls";

    public static IReadOnlyList<Runtime> All(BenchContext ctx, NativeBuilds native) =>
    [
        new("native (clang -O2)", (wasm, a) => (native.PathFor(wasm), a), Native: true),
        WasmSharp(ctx, "WasmSharp Singlepass AVX", "singlepass", "avx"),
        WasmSharp(ctx, "WasmSharp Singlepass SSE4.2", "singlepass", "sse4.2"),
        WasmSharp(ctx, "WasmSharp CIL", "cil", null),
        WasmSharp(ctx, "WasmSharp Singlepass AVX + fuel", "singlepass", "avx", metered: true),
        WasmSharp(ctx, "WasmSharp CIL + fuel", "cil", null, metered: true),
        Wasmtime(ctx, "Wasmtime Cranelift", "cranelift"),
        Wasmtime(ctx, "Wasmtime Winch", "winch"),
        Node(ctx, "V8 default (node)"),
        Node(ctx, "V8 Liftoff only", "--liftoff-only"),
        Node(ctx, "V8 TurboFan only", "--no-liftoff"),
    ];

    /// <summary>A budget no bench program exhausts: the metered columns measure the cost of metering.</summary>
    private const string AmpleFuel = "4611686018427387904";

    /// <summary>Singlepass runs in the NativeAOT wasmsharp, as users ship it (full runs; smoke runs have only the JIT
    /// build); the CIL compiler needs the JIT (Reflection.Emit), so its columns run the JIT build.</summary>
    private static Runtime WasmSharp(BenchContext ctx, string name, string compiler, string? cpu, bool metered = false)
    {
        // every run compiles, as it always did: the cache of compiled modules would turn these into warm starts
        string[] options = cpu is null ? ["run", "--disable-cache", "--compiler", compiler] : ["run", "--disable-cache", "--compiler", compiler, "--cpu", cpu];
        if (metered) options = [.. options, "--fuel", AmpleFuel];
        bool aot = compiler == "singlepass" && ctx.NativeCli is not null;
        string cli = aot ? ctx.NativeCli! : ctx.WasmSharpCli;
        var runtime = new Runtime(name, (wasm, a) => (cli, [.. options, wasm, .. a]))
        {
            Host = aot ? "NativeAOT `wasmsharp`"
                : ctx.Smoke || cli != Path.Combine(ctx.Scratch, "cli", "WasmSharp.Cli") ? "JIT `wasmsharp` (`dotnet` app host, .NET start-up and tiered JIT)"
                : "JIT `wasmsharp`, self-contained, one composite ReadyToRun image of it and the framework (.NET start-up; the generated code is JIT-compiled)",
        };
        return runtime with { Unavailable = Probe(ctx, runtime) };
    }

    private static Runtime Wasmtime(BenchContext ctx, string name, string strategy)
    {
        string host = ctx.WasmtimeHost;
        return new(name, (wasm, a) => (host, ["wasmtime-run", strategy, wasm, .. a]))
        {
            Host = host == BenchContext.Self
                ? "libwasmtime in a .NET host (`WasmSharp.Bench wasmtime-run`): its wall time includes .NET's start-up"
                : "libwasmtime in a .NET host (`WasmSharp.Bench wasmtime-run`, published like the JIT `wasmsharp`): its wall time includes .NET's start-up",
        };
    }

    private static Runtime Node(BenchContext ctx, string name, params string[] v8Flags) =>
        new(name, (wasm, a) => ("node", [.. v8Flags, NodeWasiFlag, "--no-warnings", Path.Combine(ctx.NodeScripts, "wasi-run.mjs"), wasm, .. a]))
        {
            Host = "`node` with `node:wasi`: its wall time includes node's start-up; compile is `new WebAssembly.Module`, " +
                "which in the default and Liftoff tiering compiles functions lazily, on first call, inside the run",
        };

    /// <summary>Runs examples/hello.wasm: a WasmSharp build without `run` (or without the compiler) is "not available",
    /// with the command's own complaint as the reason, so that a later build fills the cells.</summary>
    private static string? Probe(BenchContext ctx, Runtime runtime)
    {
        if (!File.Exists(ctx.WasmSharpCli)) return $"{ctx.WasmSharpCli} not built";
        var (file, args) = runtime.For(ctx.HelloWasm);
        var result = ProcessRunner.Run(file, args);
        return result.ExitCode == 0 && result.Stdout.Contains("Hello", StringComparison.Ordinal)
            ? null
            : $"`wasmsharp {string.Join(' ', args.Take(args.Length - 1))}` failed: {ProcessRunner.Reason(result)}";
    }
}
