using WasmSharp.Wast;
using Xunit.Abstractions;

namespace WasmSharp.Cil.Tests;

/// <summary>The whole suite at once: passes per command type and skip reasons, for the record.</summary>
public class SpecTotalsTests(ITestOutputHelper output)
{
    [Fact]
    public void Totals()
    {
        var engine = new Engine(new CilCompiler());
        var passed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int failed = 0;
        foreach (var path in SharedData.SpecScripts())
        {
            var report = new ScriptRunner(engine).Run(ScriptLoader.Load(path));
            failed += report.Failed;
            foreach (var (k, n) in report.PassedByCommand) passed[k] = passed.GetValueOrDefault(k) + n;
            string prefix = Path.GetFileName(path).StartsWith("simd", StringComparison.Ordinal) ? "simd_*: " : "";
            foreach (var (k, n) in report.SkipReasons) skipped[prefix + k] = skipped.GetValueOrDefault(prefix + k) + n;
        }
        foreach (var (k, n) in passed) output.WriteLine($"passed {k}: {n}");
        foreach (var (k, n) in skipped) output.WriteLine($"skipped {k}: {n}");
        Assert.Equal(0, failed);
    }
}
