using Iced.Intel;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Validation;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>
/// Scalar f32/f64 min and max on x86-64: ordered, unequal operands (the common case) fall through from ucomiss to
/// minss/maxss with a single jump after it; equal operands and NaNs (ZF set) branch off to the or/and and the
/// quieting add. The meaning (NaN, -0 against +0) is the spec suite's f32.wast/f64.wast, on both paths.
/// </summary>
public class MinMaxLayoutTests
{
    [Theory]
    [InlineData(X64CpuLevel.Avx, "f32", "min")]
    [InlineData(X64CpuLevel.Avx, "f64", "max")]
    [InlineData(X64CpuLevel.Sse42, "f32", "max")]
    [InlineData(X64CpuLevel.Sse42, "f64", "min")]
    public void OrderedUnequalOperandsFallThroughToTheInstruction(X64CpuLevel cpu, string type, string op)
    {
        var all = Compile($"(module (func (export \"f\") (param {type} {type}) (result {type}) ({type}.{op} (local.get 0) (local.get 1))))", cpu);
        int compare = all.FindIndex(i => i.Mnemonic is Mnemonic.Ucomiss or Mnemonic.Vucomiss or Mnemonic.Ucomisd or Mnemonic.Vucomisd);
        Assert.True(compare >= 0, "no ucomiss/ucomisd");
        Assert.Equal(Mnemonic.Je, all[compare + 1].Mnemonic);
        string expected = (cpu == X64CpuLevel.Avx ? "v" : "") + op + (type == "f32" ? "ss" : "sd");
        Assert.Equal(expected, all[compare + 2].Mnemonic.ToString().ToLowerInvariant());
        Assert.Equal(Mnemonic.Jmp, all[compare + 3].Mnemonic);
        // the equal-or-NaN path: jp to the add, then or (min) / and (max)
        Assert.Equal(Mnemonic.Jp, all[compare + 4].Mnemonic);
        Assert.Contains(op == "min" ? "or" : "and", all[compare + 5].Mnemonic.ToString().ToLowerInvariant());
    }

    private static List<Iced.Intel.Instruction> Compile(string wat, X64CpuLevel cpu)
    {
        var config = new EngineConfig { Target = TargetIsa.X64, TargetOs = TargetOs.Linux, X64Cpu = cpu };
        var module = ModuleDecoder.Decode(Text.Wat.ToBinary(wat));
        var ctx = ModuleValidator.ValidateDeclarations(module);
        var layout = new ParallelModuleCompiler(module, ctx, Target.For(config), true, config, ChunkPlan.For(module, 1), null).Compile();
        return Disasm.All(layout.Code);
    }
}
