using Iced.Intel;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Singlepass.Tests.X64;
using WasmSharp.Validation;
using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// A float comparison right before select decides it without a 0/1 value (<c>SelectOnFloatCompare</c>; clang emits
/// <c>select(fmin(x, c), c, x == x)</c> for C's fminf): tests/singlepass/float-select.wast checks every comparison,
/// f32 and f64, NaN and signed zeros, results of every type, on every compiler of this host; the x86-64 code tests
/// ucomiss's flags directly on both paths; AArch64 (the default: compare, then select) still compiles to valid code.
/// </summary>
public class FloatSelectTests
{
    private static string Script => Path.Combine(SharedData.RepositoryRoot, "tests", "singlepass", "float-select.wast");

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void SelectsOnFloatComparisonsKeepTheirMeaning(string backend)
    {
        var report = new ScriptRunner(Backends.Engine(backend)).Run(ScriptLoader.Load(Script));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(656, report.Passed);
    }

    private const string Clamp = """
        (module (func (export "clamp") (param f32) (result f32)
          (select (f32.min (local.get 0) (f32.const 1)) (f32.const 1) (f32.eq (local.get 0) (local.get 0)))))
        """;

    [Theory]
    [InlineData(X64CpuLevel.Avx)]
    [InlineData(X64CpuLevel.Sse42)]
    public void TheX64SelectTestsTheComparisonFlags(X64CpuLevel cpu)
    {
        var code = Compile(new EngineConfig { Target = TargetIsa.X64, TargetOs = TargetOs.Linux, X64Cpu = cpu });
        var all = Disasm.All(code);
        Assert.DoesNotContain(all, i => i.Mnemonic is Mnemonic.Sete or Mnemonic.Setnp or Mnemonic.Movzx);
        // one ucomiss for f32.min, one for the select, which then branches on PF and ZF
        var compares = all.FindAll(i => i.Mnemonic is Mnemonic.Ucomiss or Mnemonic.Vucomiss);
        Assert.Equal(2, compares.Count);
        int second = all.IndexOf(compares[1]);
        Assert.Equal(Mnemonic.Jp, all[second + 1].Mnemonic);
        Assert.Equal(Mnemonic.Je, all[second + 2].Mnemonic);
    }

    [Fact]
    public void AArch64ComparesThenSelects()
    {
        var code = Compile(new EngineConfig { Target = TargetIsa.Arm64, TargetOs = TargetOs.Linux });
        Assert.True(code.Length % 4 == 0);
        var texts = Arm64.Arm64Check.Disassemble(code);
        Assert.DoesNotContain(texts, t => t is null or ".invalid");
    }

    private static byte[] Compile(EngineConfig config)
    {
        var module = ModuleDecoder.Decode(Text.Wat.ToBinary(Clamp));
        var ctx = ModuleValidator.ValidateDeclarations(module);
        var layout = new ParallelModuleCompiler(module, ctx, Target.For(config), true, config, ChunkPlan.For(module, 1), null).Compile();
        return layout.Code.ToArray();
    }
}
