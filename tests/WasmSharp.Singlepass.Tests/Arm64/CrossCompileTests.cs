using WasmSharp.Text;
using WasmSharp.Text.Script;
using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// The AArch64 back end compiles on any host (cross-compilation): every module of every spec script compiles for
/// AArch64 and its code decodes fully with Capstone, an independent disassembler (no invalid word anywhere: a wrong
/// encoding, a stray byte or a misaligned function would show). Running the code is the qemu suite's job
/// (tests/arm64/ci.sh).
/// </summary>
public class CrossCompileTests
{
    public static IEnumerable<object[]> Scripts() =>
        from path in SharedData.SpecScripts()
        let name = Path.GetFileNameWithoutExtension(path)
        select new object[] { name };

    /// <summary>The SIMD scripts (NEON), which also run with explicit bounds checks: their loads and stores take
    /// both address paths.</summary>
    public static IEnumerable<object[]> SimdScripts() =>
        from path in SharedData.SpecScripts()
        let name = Path.GetFileNameWithoutExtension(path)
        where name.StartsWith("simd_", StringComparison.Ordinal)
        select new object[] { name };

    private static Engine Arm64Engine(bool explicitChecks = false) =>
        new(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64, SignalBasedBoundsChecks = !explicitChecks });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void EveryModuleCompilesToValidAArch64(string name) => CompileAndDecode(name, Arm64Engine());

    [Theory]
    [MemberData(nameof(SimdScripts))]
    public void SimdModulesWithExplicitChecksCompileToValidAArch64(string name) => CompileAndDecode(name, Arm64Engine(explicitChecks: true));

    private static unsafe void CompileAndDecode(string name, Engine engine)
    {
        var script = ScriptLoader.Load(Path.Combine(SharedData.SpecJson, name, name + ".json"));
        int modules = 0, words = 0;
        foreach (var command in script.Commands)
        {
            if (command is not ModuleCommand { Module: var source }) continue;
            byte[] bytes = source.Kind == ModuleSourceKind.Binary ? source.Binary! : Wat.ToBinary(source.Text!);
            using var module = Module.FromBytes(engine, bytes);
            var code = (SinglepassCode)module.Code;
            byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
            Assert.True(machine.Length % 4 == 0, $"line {command.Line}: {machine.Length} bytes of code");
            var texts = Arm64Check.Disassemble(machine);
            int bad = Array.FindIndex(texts, t => t is null or ".invalid");
            Assert.True(bad < 0, $"line {command.Line}: invalid word 0x{(bad < 0 ? 0 : BitConverter.ToUInt32(machine, bad * 4)):x8} at offset {bad * 4}");
            modules++;
            words += texts.Length;
        }
        if (modules == 0) Assert.DoesNotContain(script.Commands, c => c is ModuleCommand);
    }

    /// <summary>A function of more than b.cond's ±1 MiB: every explicit bounds check branches to the out-of-bounds
    /// stub at its end, so islands of veneers must keep those branches in reach (the label table throws on a branch
    /// that cannot reach); the code around the islands must still decode.</summary>
    [Fact]
    public unsafe void BranchesBeyondAMegabyteGoThroughVeneers()
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64, SignalBasedBoundsChecks = false });
        string body = string.Concat(Enumerable.Repeat("(local.set 1 (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))", 60_000));
        using var module = Module.FromBytes(engine, Wat.ToBinary($"(module (memory 1) (func (param i32) (result i32) (local i32) {body} (local.get 1)))"));
        var code = (SinglepassCode)module.Code;
        Assert.True(code.CodeSize > 3 << 20 >> 1, $"{code.CodeSize} bytes: not beyond b.cond's reach");
        byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
        Assert.DoesNotContain(".invalid", Arm64Check.Disassemble(machine));
    }

    /// <summary>On an x86-64 host, AArch64 code is foreign: it compiles, and entering it is a clear error.</summary>
    [X64Fact]
    public void ForeignCodeCompilesButIsNotRun()
    {
        var engine = Arm64Engine();
        var module = Module.FromBytes(engine, Wat.ToBinary("(module (func (export \"f\") (result i32) i32.const 7))"));
        Assert.True(module.Code.CodeSize > 0);
        var e = Assert.Throws<PlatformNotSupportedException>(() =>
            new Linker().Instantiate(new Store(engine), module).GetFunction<int>("f")());
        Assert.Contains("aarch64", e.Message);
    }
}
