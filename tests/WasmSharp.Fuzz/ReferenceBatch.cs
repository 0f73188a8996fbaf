namespace WasmSharp.Fuzz;

/// <summary>
/// <c>--emit-batch DIR</c>: generates the campaign's modules, runs each on the reference (Wasmtime) and writes
/// <c>NNNNN.wasm</c> with its <see cref="Transcript"/> into DIR, for an engine that runs elsewhere to replay
/// (<see cref="ReplayBatch"/>; Singlepass AArch64 under qemu-aarch64, tests/arm64/fuzz.sh). Modules the reference
/// cannot judge (stack depth, time limit, not runnable) are left out.
/// </summary>
public static class ReferenceBatch
{
    public static FuzzTotals Write(FuzzOptions options, IEngineUnderTest reference, string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var stale in Directory.EnumerateFiles(dir, "*.wasm")) File.Delete(stale);
        var totals = new FuzzTotals();
        var scratch = Directory.CreateTempSubdirectory("wasmsharp-fuzz-").FullName;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (int n = 0; n < options.MaxModules && clock.Elapsed < options.Duration; n++)
            {
                if (FuzzCampaign.Generate(options, n, scratch) is not { } module) continue;
                var run = SafeRuns.Run(reference, module.Wasm);
                if (run.Inconclusive) { totals.Inconclusive++; continue; }
                if (run.Calls is [{ Export: "(run)" }]) { totals.ReferenceErrors++; continue; }
                totals.Modules++;
                if (module.Binaryen) totals.BinaryenModules++; else totals.OwnModules++;
                if (module.Simd) totals.SimdModules++;
                totals.Calls += run.Calls.Count;
                var stem = Path.Combine(dir, $"{n:D5}");
                File.WriteAllBytes(stem + ".wasm", module.Wasm);
                Transcript.Write(stem, module.Origin, run);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return totals;
    }
}
