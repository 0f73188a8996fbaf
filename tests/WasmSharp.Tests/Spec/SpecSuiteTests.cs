using WasmSharp.Wast;
using Xunit.Abstractions;

namespace WasmSharp.Tests.Spec;

/// <summary>
/// The official spec suite, one test case per script. Run one file with
/// <c>dotnet test --filter "DisplayName~(address)"</c> or <c>wasmsharp wast ../shared/spec/json/address/address.json</c>.
/// </summary>
public class SpecSuiteTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Scripts() =>
        SharedData.SpecScripts().Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script(string name)
    {
        var report = new ScriptRunner().Run(ScriptLoader.Load(Path.Combine(SharedData.SpecJson, name, name + ".json")));
        output.WriteLine(report.Summary());
        foreach (var f in report.Failures) output.WriteLine($"FAIL {f}");
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.True(report.Passed > 0 || report.Skipped > 0, "script had no commands");
    }

    [Fact]
    public void EveryModuleLevelAssertionIsChecked()
    {
        // the decoder, validator and text parser must judge every assert_malformed (binary and text), every
        // assert_invalid and every module: none may be skipped, whatever else is
        int malformed = 0, invalid = 0, modules = 0;
        foreach (var path in SharedData.SpecScripts())
        {
            var report = new ScriptRunner().Run(ScriptLoader.Load(path));
            Assert.Empty(report.Failures);
            malformed += report.PassedByCommand.GetValueOrDefault("assert_malformed");
            invalid += report.PassedByCommand.GetValueOrDefault("assert_invalid");
            modules += report.PassedByCommand.GetValueOrDefault("module");
        }
        output.WriteLine($"assert_malformed {malformed}, assert_invalid {invalid}, module {modules}");
        // totals from ../shared/spec/README.md: 736 binary and 1,077 text assert_malformed
        Assert.Equal(736 + 1077, malformed);
        Assert.Equal(2144, invalid);
        Assert.Equal(1595, modules);
    }
}
