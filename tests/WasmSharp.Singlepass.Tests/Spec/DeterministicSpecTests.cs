using WasmSharp.Cil;
using WasmSharp.Singlepass.Tests.Runtime;
using WasmSharp.Wast;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Spec;

/// <summary>
/// The spec suite in deterministic mode: canonical NaNs satisfy every NaN assertion (the spec's nan:canonical and
/// nan:arithmetic both accept the canonical NaN, and bitwise operators are left alone), and the Wasm-counted stack
/// budget still exhausts the scripts' infinite recursions. Every script, SIMD included, on CIL and on Singlepass AVX
/// and SSE4.2, none skipped.
/// </summary>
public class DeterministicSpecTests(ITestOutputHelper output)
{
    private static readonly EngineConfig Deterministic = new() { Deterministic = true };

    public static IEnumerable<object[]> Scripts() =>
        from path in SharedData.SpecScripts()
        select new object[] { Path.GetFileNameWithoutExtension(path) };

    [AvxTheory]
    [MemberData(nameof(Scripts))]
    public void PassesInDeterministicMode(string name)
    {
        Run(new Engine(new CilCompiler(), Deterministic), name);
        Run(new Engine(new SinglepassCompiler(), Deterministic with { X64Cpu = X64CpuLevel.Avx }), name);
        Run(new Engine(new SinglepassCompiler(), Deterministic with { X64Cpu = X64CpuLevel.Sse42 }), name);
    }

    private void Run(Engine engine, string name)
    {
        var report = DeterministicTests.OnBigStack(() => new ScriptRunner(engine).Run(ScriptLoader.Load(Path.Combine(SharedData.SpecWast, name + ".wast"))));
        output.WriteLine($"{engine.Compiler.Name} {engine.Config.X64Cpu}: {report.Summary()}");
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.True(report.Skipped == 0, $"skipped: {string.Join("; ", report.SkipReasons)}");
    }
}
