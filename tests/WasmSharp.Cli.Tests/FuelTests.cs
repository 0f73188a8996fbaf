using System.Text.RegularExpressions;
using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Cli.Tests;

/// <summary>
/// The differential fuel test over the bench programs (small arguments): every compiler and x86-64 code path
/// consumes exactly the same fuel for the whole run, and, given half of it, runs out at the same point (the same
/// fuel left over, the same output so far, exit 134 with "all fuel consumed").
/// </summary>
public partial class FuelTests
{
    /// <summary>Singlepass with the host's features (AVX where present), Singlepass on SSE4.2, CIL.</summary>
    private static readonly string[][] Compilers =
        [["--compiler", "singlepass"], ["--compiler", "singlepass", "--cpu", "sse4.2"], ["--compiler", "cil"]];

    private const long Plenty = 1L << 50;

    public static TheoryData<string> Programs() => new(BenchProgram.All().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Programs))]
    public void EveryCompilerConsumesTheSameFuelAndRunsOutAtTheSamePoint(string name)
    {
        var p = BenchProgram.All().Single(b => b.Name == name);
        var full = Compilers.Select(c => Run(c, Plenty, p)).ToArray();
        foreach (var r in full)
        {
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(p.SmallExpected + "\n", r.Stdout);
        }
        var consumed = full.Select(r => Report(r).Consumed).ToArray();
        Assert.All(consumed, c => Assert.Equal(consumed[0], c));
        Assert.True(consumed[0] > 0);

        long half = consumed[0] / 2;
        var starved = Compilers.Select(c => Run(c, half, p)).ToArray();
        foreach (var r in starved)
        {
            Assert.Equal(134, r.ExitCode);
            Assert.Contains("wasm trap: all fuel consumed", r.Stderr);
            Assert.Equal(starved[0].Stdout, r.Stdout);
            Assert.Equal(Report(starved[0]), Report(r));
        }
        var (used, left) = Report(starved[0]);
        Assert.Equal(half, used + left);
        Assert.True(used <= half);
    }

    [Fact]
    public void FuelReportNeedsFuel()
    {
        var r = Cli.Run("run", "--fuel-report", Path.Combine(SharedData.Bench, "fib.wasm"), "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--fuel-report needs --fuel", r.Stderr);
    }

    private static Cli.Result Run(string[] compiler, long fuel, BenchProgram p) =>
        Cli.Run(["run", .. compiler, "--fuel", fuel.ToString(), "--fuel-report", p.WasmPath, p.SmallArg]);

    private static (long Consumed, long Remaining) Report(Cli.Result r)
    {
        var m = ReportLine().Match(r.Stderr);
        Assert.True(m.Success, $"no fuel report in: {r.Stderr}");
        return (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value));
    }

    [GeneratedRegex(@"fuel: consumed (\d+), remaining (\d+)")]
    private static partial Regex ReportLine();
}
