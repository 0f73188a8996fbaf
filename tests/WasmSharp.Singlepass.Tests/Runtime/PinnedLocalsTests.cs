using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Locals in registers (the generator pins the most used i32/i64/f32/f64 locals): tests/singlepass/locals.wast checks
/// local.tee across branches, br_if with locals, loops that change locals, locals across calls and memory.grow, block
/// results from different locals, dead code, borrowed operands (loads, stores, select, br_table) and stale copies, on
/// every compiler of this host and with both kinds of bounds checks. AArch64 runs it under qemu
/// (<c>qemu-aarch64 wasmsharp wast tests/singlepass/locals.wast</c>).
/// </summary>
public class PinnedLocalsTests
{
    private static string Script => Path.Combine(SharedData.RepositoryRoot, "tests", "singlepass", "locals.wast");

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void LocalsKeepTheirValues(string backend) => Run(Backends.Engine(backend));

    [Theory]
    [InlineData("singlepass")]
    [InlineData("singlepass-sse4.2")]
    public void LocalsKeepTheirValuesWithExplicitBoundsChecks(string backend) =>
        Run(Backends.Engine(backend, new EngineConfig { SignalBasedBoundsChecks = false }));

    private static void Run(Engine engine)
    {
        var report = new ScriptRunner(engine).Run(ScriptLoader.Load(Script));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(28, report.Passed);
    }
}
