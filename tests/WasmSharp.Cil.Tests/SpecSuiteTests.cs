using WasmSharp.Wast;
using Xunit.Abstractions;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// The official spec suite (from the <c>.wast</c> sources) executed on the CIL compiler, one test case per script,
/// SIMD included: nothing may fail or be skipped.
/// </summary>
public class SpecSuiteTests(ITestOutputHelper output)
{
    private static readonly Engine Eager = new(new CilCompiler());
    private static readonly Engine Lazy = new(new CilCompiler { LazyThreshold = 0 });

    public static IEnumerable<object[]> Scripts() =>
        SharedData.SpecScripts().Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script(string name) => Run(Eager, name);

    /// <summary>The same, with every module compiled lazily (function stubs, calls through references).</summary>
    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptLazy(string name) => Run(Lazy, name);

    private void Run(Engine engine, string name)
    {
        var report = new ScriptRunner(engine).Run(ScriptLoader.Load(Path.Combine(SharedData.SpecWast, name + ".wast")));
        output.WriteLine(report.Summary());
        foreach (var (cmd, n) in report.PassedByCommand) output.WriteLine($"PASS {cmd} {n}");
        foreach (var f in report.Failures) output.WriteLine($"FAIL {f}");
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.True(report.Passed > 0 || report.Skipped > 0, "script had no commands");
        Assert.True(report.Skipped == 0, "skipped: " + string.Join("; ", report.SkipReasons));
    }
}
