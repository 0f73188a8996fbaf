using System.Diagnostics;

namespace WasmSharp.Fuzz;

/// <summary>
/// Generates modules, runs each on every engine, and compares every engine with the reference (Wasmtime). Each
/// module's seed is derived from the campaign seed and its number, so a mismatch is reproduced by its seed alone.
/// </summary>
public sealed class FuzzCampaign(FuzzOptions options, IReadOnlyList<IEngineUnderTest> engines)
{
    private readonly IEngineUnderTest _reference = engines[0];

    /// <summary>Every engine this machine runs, the reference first.</summary>
    public static List<IEngineUnderTest> DefaultEngines()
    {
        var engines = new List<IEngineUnderTest> { new WasmtimeEngine() };
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported) engines.Add(WasmSharpEngine.Singlepass(X64CpuLevel.Avx));
        engines.Add(WasmSharpEngine.Singlepass(X64CpuLevel.Sse42));
        engines.Add(WasmSharpEngine.Cil());
        return engines;
    }

    /// <summary>The counts so far, updated as the campaign runs (a progress display reads them).</summary>
    public FuzzTotals Totals { get; } = new();

    public FuzzTotals Run()
    {
        var totals = Totals;
        var scratch = Directory.CreateTempSubdirectory("wasmsharp-fuzz-").FullName;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        try
        {
            for (int n = 0; n < options.MaxModules && clock.Elapsed < options.Duration; n++)
            {
                RunOne(n, scratch, totals);
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.Elapsed;
                    options.Progress?.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {totals}");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return totals;
    }

    private void RunOne(int n, string scratch, FuzzTotals totals)
    {
        int moduleSeed = HashCode.Combine(options.Seed, n) & int.MaxValue;
        var rng = new Random(moduleSeed);
        bool binaryen = options.UseBinaryen && BinaryenModules.Available && (!options.UseOwnGenerator || n % 2 == 0);
        bool simd = binaryen && rng.Next(8) == 0;
        byte[]? wasm = binaryen
            ? BinaryenModules.Generate(rng, rng.Next(512, 8192), simd, scratch)
            : OwnModules.Generate(rng);
        if (wasm is null) return;
        RecordInFlight(moduleSeed, binaryen, wasm);
        totals.Modules++;
        if (binaryen) totals.BinaryenModules++; else totals.OwnModules++;
        if (simd) totals.SimdModules++;

        var reference = SafeRun(_reference, wasm);
        totals.Calls += reference.Calls.Count;
        if (reference.Inconclusive) { totals.Inconclusive++; return; }
        if (reference.Calls is [{ Export: "(run)" } failure])
        {
            // the reference could not run it: a generator or harness problem, not an engine's
            totals.ReferenceErrors++;
            options.Progress?.WriteLine($"reference error, seed {moduleSeed}: {failure.Result}");
            return;
        }
        foreach (var engine in engines.Skip(1).Where(e => e.SupportsSimd || !simd))
        {
            var run = SafeRun(engine, wasm);
            totals.Calls += run.Calls.Count;
            if (run.Inconclusive) { totals.Inconclusive++; continue; }
            if (RunComparison.FirstDifference(reference, run) is { } difference)
                Report(totals, $"seed {moduleSeed} ({(binaryen ? "binaryen" : "own")}) {engine.Name}: {difference}", wasm);
        }
    }

    /// <summary>Runs the module; an exception that is not a trap (a compiler error, a crash in the host code) is an
    /// observation too, and it will differ from the reference's.</summary>
    public static ModuleRun SafeRun(IEngineUnderTest engine, byte[] wasm)
    {
        try { return engine.Run(wasm); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ModuleRun(engine.Name, [new CallOutcome("(run)", $"error: {e.GetType().Name}: {e.Message}", [])], [], []);
        }
    }

    /// <summary>The module about to run, kept until the next one: a crash of the process (an access violation in
    /// generated code cannot be caught) leaves its module and seed behind.</summary>
    private void RecordInFlight(int moduleSeed, bool binaryen, byte[] wasm)
    {
        if (options.MismatchDir is null) return;
        Directory.CreateDirectory(options.MismatchDir);
        File.WriteAllBytes(Path.Combine(options.MismatchDir, "in-flight.wasm"), wasm);
        File.WriteAllText(Path.Combine(options.MismatchDir, "in-flight.txt"), $"seed {moduleSeed} ({(binaryen ? "binaryen" : "own")})\n");
    }

    private void Report(FuzzTotals totals, string description, byte[] wasm)
    {
        totals.Mismatches.Add(description);
        options.Progress?.WriteLine("MISMATCH " + description);
        if (options.MismatchDir is null) return;
        Directory.CreateDirectory(options.MismatchDir);
        var stem = Path.Combine(options.MismatchDir, $"mismatch-{totals.Mismatches.Count:D4}");
        File.WriteAllBytes(stem + ".wasm", wasm);
        File.WriteAllText(stem + ".txt", description + "\n");
    }
}
