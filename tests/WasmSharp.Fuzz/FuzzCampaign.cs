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

    /// <summary>Module number <paramref name="n"/> of the campaign with these options: from binaryen or our own
    /// generator, by a seed derived from the campaign's; null when wasm-opt gave up on its input.</summary>
    public static GeneratedModule? Generate(FuzzOptions options, int n, string scratch)
    {
        int moduleSeed = ModuleSeed(options.Seed, n);
        var rng = new Random(moduleSeed);
        bool binaryen = options.UseBinaryen && BinaryenModules.Available && (!options.UseOwnGenerator || n % 2 == 0);
        bool simd = binaryen ? rng.Next(8) == 0 : options.OwnSimd && OwnModules.SimdFor(moduleSeed);
        byte[]? wasm = binaryen
            ? BinaryenModules.Generate(rng, rng.Next(512, 8192), simd, scratch)
            : OwnModules.Generate(rng, simd);
        return wasm is null ? null : new GeneratedModule(moduleSeed, binaryen, simd, wasm);
    }

    /// <summary>The seed of module <paramref name="n"/>: a fixed mix (SplitMix64's finalizer) of the campaign seed and
    /// the number, the same in every process (<see cref="HashCode"/> is randomized per process).</summary>
    public static int ModuleSeed(int campaignSeed, int n)
    {
        ulong z = ((ulong)(uint)campaignSeed << 32 | (uint)n) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private void RunOne(int n, string scratch, FuzzTotals totals)
    {
        if (Generate(options, n, scratch) is not var (moduleSeed, binaryen, simd, wasm)) return;
        RecordInFlight(moduleSeed, binaryen, wasm);
        totals.Modules++;
        if (binaryen) totals.BinaryenModules++; else totals.OwnModules++;
        if (simd) totals.SimdModules++;

        var reference = SafeRuns.Run(_reference, wasm);
        totals.Calls += reference.Calls.Count;
        if (reference.Inconclusive) { totals.Inconclusive++; return; }
        if (reference.Calls is [{ Export: "(run)" } failure])
        {
            // the reference could not run it: a generator or harness problem, not an engine's
            totals.ReferenceErrors++;
            options.Progress?.WriteLine($"reference error, seed {moduleSeed}: {failure.Result}");
            return;
        }
        foreach (var engine in engines.Skip(1))
        {
            // an engine that refuses a feature (Singlepass and SIMD, for now) is counted, and compared once it accepts
            if (SafeRuns.RunUnlessRefused(engine, wasm) is not { } run) { totals.Refused++; continue; }
            totals.Calls += run.Calls.Count;
            if (run.Inconclusive) { totals.Inconclusive++; continue; }
            if (RunComparison.FirstDifference(reference, run) is { } difference)
                Report(totals, $"seed {moduleSeed} ({(binaryen ? "binaryen" : "own")}) {engine.Name}: {difference}", wasm);
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

/// <summary>One generated module and where it came from.</summary>
public sealed record GeneratedModule(int Seed, bool Binaryen, bool Simd, byte[] Wasm)
{
    public string Origin => $"seed {Seed} ({(Binaryen ? "binaryen" : "own")}{(Simd ? ", SIMD" : "")})";
}
