namespace WasmSharp.Fuzz;

/// <summary>
/// Runs every module of a batch written by <see cref="ReferenceBatch"/> on one engine and compares each run with the
/// reference's transcript. Modules the engine refuses (an unsupported feature) are counted, not compared.
/// </summary>
public static class ReplayBatch
{
    public sealed record Totals(int Modules, long Calls, int Refused, int Inconclusive, IReadOnlyList<string> Mismatches)
    {
        public override string ToString() =>
            $"{Modules} modules replayed, {Calls} calls executed, {Refused} refused (SIMD on Singlepass), " +
            $"{Inconclusive} inconclusive (stack depth or time limit), {Mismatches.Count} mismatches";
    }

    /// <summary>Replays the batch's modules in name order, or <paramref name="count"/> of them from the
    /// <paramref name="first"/>-th (a long batch runs in several processes: see tests/arm64/fuzz.sh).</summary>
    public static Totals Run(string dir, IEngineUnderTest engine, TextWriter? progress, int first = 0, int count = int.MaxValue)
    {
        int modules = 0, refused = 0, inconclusive = 0;
        long calls = 0;
        var mismatches = new List<string>();
        var files = Directory.GetFiles(dir, "*.wasm").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new ArgumentException($"{dir}: no .wasm files (write a batch with --emit-batch)");
        files = files.Skip(first).Take(count).ToArray();
        foreach (var wasmPath in files)
        {
            var stem = wasmPath[..^".wasm".Length];
            var reference = Transcript.Read(stem);
            if (SafeRuns.RunUnlessRefused(engine, File.ReadAllBytes(wasmPath)) is not { } run) { refused++; continue; }
            modules++;
            calls += run.Calls.Count;
            if (run.Inconclusive) { inconclusive++; continue; }
            if (RunComparison.FirstDifference(reference, run) is not { } difference) continue;
            string origin = File.ReadLines(stem + ".expected").First().TrimStart('#', ' ');
            mismatches.Add($"{Path.GetFileName(wasmPath)} ({origin}) {engine.Name}: {difference}");
            progress?.WriteLine("MISMATCH " + mismatches[^1]);
        }
        return new Totals(modules, calls, refused, inconclusive, mismatches);
    }
}
