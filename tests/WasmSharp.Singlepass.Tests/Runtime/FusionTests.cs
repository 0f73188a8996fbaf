using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Operator fusion in the generator: tests/singlepass/fusion.wast checks comparisons inverted by i32.eqz before a
/// branch, results computed straight into a pinned local's register (the local as either operand, shifts, i64 wide
/// constants, floats, loads from the local's own address, local.tee read by the next operator or not) and
/// <c>local.get; const; arithmetic</c> reading the local in place, on every compiler of this host and with both
/// kinds of bounds checks. AArch64 runs it under qemu (<c>qemu-aarch64 wasmsharp wast tests/singlepass/fusion.wast</c>).
/// </summary>
public class FusionTests
{
    private static string Script => Path.Combine(SharedData.RepositoryRoot, "tests", "singlepass", "fusion.wast");

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void FusedOperatorsKeepTheirMeaning(string backend) => Run(Backends.Engine(backend));

    [Theory]
    [InlineData("singlepass")]
    [InlineData("singlepass-sse4.2")]
    public void FusedOperatorsKeepTheirMeaningWithExplicitBoundsChecks(string backend) =>
        Run(Backends.Engine(backend, new EngineConfig { SignalBasedBoundsChecks = false }));

    private static void Run(Engine engine)
    {
        var report = new ScriptRunner(engine).Run(ScriptLoader.Load(Script));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(52, report.Passed);
    }
}
