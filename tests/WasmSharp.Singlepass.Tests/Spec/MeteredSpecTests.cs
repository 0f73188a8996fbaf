using WasmSharp.Cil;
using WasmSharp.Wast;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Spec;

/// <summary>
/// The spec suite with metering on (a budget no script exhausts), on Singlepass (AVX, SSE4.2) and CIL: everything
/// still passes, and the spec modules' exports, as the scripts call them, consume the same fuel on every compiler.
/// Scripts that recurse until the stack runs out are not compared: how deep that is depends on native frame sizes.
/// </summary>
public class MeteredSpecTests(ITestOutputHelper output)
{
    private static readonly EngineConfig Metered = new() { ConsumeFuel = true };

    public static IEnumerable<object[]> Scripts() =>
        from path in SharedData.SpecScripts()
        select new object[] { Path.GetFileNameWithoutExtension(path) };

    [AvxTheory]
    [MemberData(nameof(Scripts))]
    public void SameFuelOnEveryCompiler(string name)
    {
        var cil = Run(new Engine(new CilCompiler(), Metered), name);
        var avx = Run(new Engine(new SinglepassCompiler(), Metered with { X64Cpu = X64CpuLevel.Avx }), name);
        var sse = Run(new Engine(new SinglepassCompiler(), Metered with { X64Cpu = X64CpuLevel.Sse42 }), name);
        output.WriteLine($"fuel: avx {avx.FuelConsumed}, sse4.2 {sse.FuelConsumed}, cil {cil.FuelConsumed}");
        if (cil.PassedByCommand.ContainsKey("assert_exhaustion")) return;
        Assert.Equal(cil.FuelConsumed, avx.FuelConsumed);
        Assert.Equal(cil.FuelConsumed, sse.FuelConsumed);
    }

    private ScriptReport Run(Engine engine, string name)
    {
        var report = new ScriptRunner(engine).Run(ScriptLoader.Load(Path.Combine(SharedData.SpecWast, name + ".wast")));
        output.WriteLine($"{engine.Compiler.Name} {engine.Config.X64Cpu}: {report.Summary()}");
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.NotNull(report.FuelConsumed);
        Assert.True(report.Skipped == 0, $"skipped: {string.Join("; ", report.SkipReasons)}");
        return report;
    }
}
