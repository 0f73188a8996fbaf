using System.Diagnostics;

namespace WasmSharp.Cli;

/// <summary>
/// <c>run --timings</c> (or WASMSHARP_TIMINGS=1): how long loading the module (read, decode, validate, compile, or
/// load from the cache) and running it took, printed on stderr as one line when the run ends, so a benchmark can
/// tell the phases apart: <c>wasmsharp timings: load 12.34 ms (singlepass, 2 threads), run 456.78 ms</c>. Process
/// start-up is what the wall time has on top.
/// </summary>
internal sealed class PhaseTimings(Engine engine)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _loaded;

    /// <summary>Whether WASMSHARP_TIMINGS asks for the timings.</summary>
    public static bool FromEnvironment() => Environment.GetEnvironmentVariable("WASMSHARP_TIMINGS") is "1" or "true";

    /// <summary>The module is loaded: the run starts.</summary>
    public void Loaded() => _loaded = Stopwatch.GetTimestamp();

    public void Print()
    {
        long end = Stopwatch.GetTimestamp();
        int threads = engine.Config.ParallelCompilation ? Environment.ProcessorCount : 1;
        string load = _loaded == 0 ? "load failed" : $"load {Ms(_start, _loaded)} ms ({engine.Compiler.Name}, up to {threads} thread{(threads == 1 ? "" : "s")})";
        string run = _loaded == 0 ? "" : $", run {Ms(_loaded, end)} ms";
        Console.Error.WriteLine($"wasmsharp timings: {load}{run}");
    }

    private static string Ms(long from, long to) =>
        Stopwatch.GetElapsedTime(from, to).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
