using System.Reflection;
using System.Runtime.InteropServices;

namespace WasmSharp.Bench;

/// <summary>
/// Wasmtime through its .NET embedding (NuGet "Wasmtime"), for comparison only. The .NET API offers only Cranelift;
/// Winch is selected with the bundled library's <c>wasmtime_config_strategy_set</c> on the config's native handle.
/// </summary>
internal static class WasmtimeHost
{
    private const byte StrategyCranelift = 1; // WASMTIME_STRATEGY_CRANELIFT
    private const byte StrategyWinch = 2;     // WASMTIME_STRATEGY_WINCH

    // DllImport, not LibraryImport: the latter needs unsafe code, which this project does not opt into.
#pragma warning disable SYSLIB1054
    [DllImport("wasmtime")]
    private static extern void wasmtime_config_strategy_set(nint config, byte strategy);
#pragma warning restore SYSLIB1054

    public static Wasmtime.Engine CreateEngine(string strategy, bool parallelCompilation)
    {
        var config = new Wasmtime.Config().WithParallelCompilation(parallelCompilation);
        SetStrategy(config, strategy switch
        {
            "cranelift" => StrategyCranelift,
            "winch" => StrategyWinch,
            _ => throw new ArgumentException($"unknown Wasmtime strategy {strategy}", nameof(strategy)),
        });
        return new Wasmtime.Engine(config);
    }

    /// <summary>The package keeps the wasm_config_t* in a private SafeHandle field named "handle".</summary>
    private static void SetStrategy(Wasmtime.Config config, byte strategy)
    {
        var field = typeof(Wasmtime.Config).GetField("handle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new MissingFieldException("Wasmtime.Config.handle: the package's internals changed");
        var handle = (SafeHandle)field.GetValue(config)!;
        wasmtime_config_strategy_set(handle.DangerousGetHandle(), strategy);
    }

    /// <summary>wasmtime-run STRATEGY FILE.wasm ARGS...: runs a WASI command with inherited stdout/stderr; exits with its code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length < 2) return Usage();
        using var engine = CreateEngine(args[0], parallelCompilation: true);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var module = Wasmtime.Module.FromFile(engine, args[1]);
        long compiled = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return RunStart(engine, module, args); }
        finally
        {
            // WASMSHARP_TIMINGS=1 (the report sets it): the phases, as `wasmsharp run --timings` prints them
            if (Environment.GetEnvironmentVariable("WASMSHARP_TIMINGS") == "1")
                Console.Error.WriteLine($"wasmtime timings: compile {Ms(start, compiled)} ms, run {Ms(compiled, System.Diagnostics.Stopwatch.GetTimestamp())} ms");
        }
    }

    private static string Ms(long from, long to) =>
        System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private static int RunStart(Wasmtime.Engine engine, Wasmtime.Module module, string[] args)
    {
        using var linker = new Wasmtime.Linker(engine);
        using var store = new Wasmtime.Store(engine);
        linker.DefineWasi();
        store.SetWasiConfiguration(new Wasmtime.WasiConfiguration()
            .WithArgs([Path.GetFileName(args[1]), .. args[2..]])
            .WithInheritedStandardOutput()
            .WithInheritedStandardError());
        var instance = linker.Instantiate(store, module);
        var start = instance.GetAction("_start") ?? throw new InvalidOperationException("no _start export");
        try
        {
            start();
            return 0;
        }
        catch (Wasmtime.WasmtimeException e) when (e.ExitCode is int code)
        {
            return code;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: WasmSharp.Bench wasmtime-run cranelift|winch FILE.wasm [ARGS...]");
        return 2;
    }
}
