using WasmSharp.Wast;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Spec;

/// <summary>
/// The whole spec suite executed by Singlepass, on the AVX and the SSE4.2 code paths. Every assertion of every
/// script, SIMD ones included, must pass with nothing skipped.
/// Run one: <c>dotnet test tests/WasmSharp.Singlepass.Tests --filter "DisplayName~i32"</c>.
/// </summary>
public class SinglepassSpecTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Scripts() =>
        from path in SharedData.SpecScripts()
        select new object[] { Path.GetFileNameWithoutExtension(path) };

    [AvxTheory]
    [MemberData(nameof(Scripts))]
    public void ScriptAvx(string name) => Script(name, X64CpuLevel.Avx);

    [X64Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptSse42(string name) => Script(name, X64CpuLevel.Sse42);

    /// <summary>Every module is serialized and loaded back before it runs: loaded code must behave as compiled code.</summary>
    [X64Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptFromArtifacts(string name) => Script(name, X64CpuLevel.Auto, roundTripArtifacts: true);

    private void Script(string name, X64CpuLevel cpu, bool roundTripArtifacts = false)
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu });
        var report = new ScriptRunner(engine, roundTripArtifacts).Run(ScriptLoader.Load(Path.Combine(SharedData.SpecWast, name + ".wast")));
        output.WriteLine(report.Summary());
        foreach (var f in report.Failures) output.WriteLine($"FAIL {f}");
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.True(report.Skipped == 0, $"skipped: {string.Join("; ", report.SkipReasons)}");
    }
}
