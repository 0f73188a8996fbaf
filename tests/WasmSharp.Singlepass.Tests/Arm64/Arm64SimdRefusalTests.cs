using WasmSharp.Text;
using WasmSharp.Text.Script;
using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// Until AArch64 has a NEON back end, compiling SIMD for it fails at compile time with "unsupported feature: simd"
/// (never a crash, never code), wherever v128 shows up; modules of the SIMD scripts without v128 still compile.
/// </summary>
public class Arm64SimdRefusalTests
{
    private static Engine Arm64Engine() => new(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64 });

    public static TheoryData<string> Uses() =>
    [
        "(func (param v128))",
        "(func (result v128) unreachable)",
        "(func (local v128))",
        "(func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 1 2)))",
        "(global v128 (v128.const i64x2 0 0)) (func (global.get 0) drop)",
        "(type $t (func (param v128))) (func (param i32) (call_indirect (type $t) (v128.const i64x2 0 0) (local.get 0))) (table 1 funcref)",
    ];

    [Theory]
    [MemberData(nameof(Uses))]
    public void EveryUseOfV128IsRefused(string fields)
    {
        var e = Assert.Throws<UnsupportedFeatureException>(() => Module.FromBytes(Arm64Engine(), Wat.ToBinary($"(module {fields})")));
        Assert.Equal("simd", e.Feature);
        Assert.StartsWith("unsupported feature: simd", e.Message);
    }

    public static IEnumerable<object[]> SimdScripts() =>
        from path in SharedData.SpecScripts()
        let name = Path.GetFileNameWithoutExtension(path)
        where name.StartsWith("simd_", StringComparison.Ordinal)
        select new object[] { name };

    [Theory]
    [MemberData(nameof(SimdScripts))]
    public void SimdScriptModulesAreRefusedOrCompile(string name)
    {
        var engine = Arm64Engine();
        var script = ScriptLoader.Load(Path.Combine(SharedData.SpecJson, name, name + ".json"));
        int refused = 0;
        foreach (var command in script.Commands)
        {
            if (command is not ModuleCommand { Module: var source }) continue;
            byte[] bytes = source.Kind == ModuleSourceKind.Binary ? source.Binary! : Wat.ToBinary(source.Text!);
            try
            {
                using var module = Module.FromBytes(engine, bytes);
            }
            catch (UnsupportedFeatureException e)
            {
                Assert.Equal("simd", e.Feature);
                refused++;
            }
        }
        Assert.True(refused > 0 || !script.Commands.Any(c => c is ModuleCommand), $"{name}: no module refused");
    }
}
