using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Tests.Text;

/// <summary>Every spec <c>.wast</c> against wast2json: commands, lines, values, module bytes, malformed text.</summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => SpecData.WastNameData();

    [Theory]
    [MemberData(nameof(Names))]
    public void Script_matches_wast2json(string name)
    {
        var r = SpecComparison.Run(name);
        output.WriteLine($"{name}: commands {r.CommandsMatched}/{r.JsonCommands} (+{r.CommandsExplained} known differences), modules identical {r.ModulesIdentical}/{r.Modules}, " +
                         $"malformed text rejected {r.MalformedRejected}/{r.MalformedText}, actions {r.ActionsMatched}/{r.Actions}");
        foreach (var m in r.ByteMismatches) output.WriteLine("  bytes: " + m);
        foreach (var m in r.Explained) output.WriteLine("  explained: " + m);
        foreach (var f in r.Failures.Take(50)) output.WriteLine("  " + f);
        Assert.Empty(r.Failures);
        Assert.Empty(r.ByteMismatches);
    }

    [Fact]
    public void Totals()
    {
        int explained = 0, explainedCmds = 0, files = 0, cmds = 0, jsonCmds = 0, mods = 0, same = 0, mal = 0, rejected = 0, acts = 0, actsOk = 0, failing = 0;
        foreach (var name in SpecData.WastNames())
        {
            var r = SpecComparison.Run(name);
            files++;
            cmds += r.CommandsMatched; jsonCmds += r.JsonCommands;
            mods += r.Modules; same += r.ModulesIdentical;
            mal += r.MalformedText; rejected += r.MalformedRejected;
            acts += r.Actions; actsOk += r.ActionsMatched;
            explained += r.Explained.Count;
            explainedCmds += r.CommandsExplained;
            if (r.Failures.Count + r.ByteMismatches.Count > 0)
            {
                failing++;
                output.WriteLine($"{name}: {r.Failures.Count} failures, {r.ByteMismatches.Count} byte mismatches");
            }
        }
        output.WriteLine($"files {files} (with problems: {failing}); commands identical {cmds}/{jsonCmds}, " +
                         $"{explainedCmds} more differ only as listed in KnownDifferences; " +
                         $"modules byte-identical {same}/{mods}; malformed text rejected {rejected}/{mal}; actions matched {actsOk}/{acts}; " +
                         $"known differences from wabt: {explained}");
        Assert.Equal(0, failing);
    }
}
