using Iced.Intel;
using WasmSharp.Singlepass.Tests.X64;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// The code deterministic mode adds, decoded by independent disassemblers (Iced for x86-64, Capstone for AArch64):
/// the NaN check after a float operator (x86: ucomis x, x then jnp; AArch64: fcmp x, x then fcsel ..., vc), the
/// stack budget's charge at entry and refund at return (the <see cref="Runtime.VMOffsets.RuntimeStackHeightLeft"/>
/// slot), and none of it without the mode. AArch64 compiles here; tests/deterministic/arm64.sh runs it under qemu.
/// </summary>
public class DeterministicCodeTests
{
    // cost 2 + 2 (parameters) + 2 (operands) = 6
    private const string Div = "(module (func (export \"div\") (param f32 f32) (result f32) local.get 0 local.get 1 f32.div))";
    private const int Cost = 6;
    private const int Slot = WasmSharp.Runtime.VMOffsets.RuntimeStackHeightLeft;

    private static unsafe byte[] Code(EngineConfig config, string wat = Div)
    {
        var engine = new Engine(new SinglepassCompiler(), config);
        using var module = Module.FromBytes(engine, Wat.ToBinary(wat));
        var code = (SinglepassCode)module.Code;
        return new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
    }

    [Theory]
    [InlineData(X64CpuLevel.Avx)]
    [InlineData(X64CpuLevel.Sse42)]
    public void X64ChecksForNaNAndChargesTheBudget(X64CpuLevel cpu)
    {
        var config = new EngineConfig { Target = TargetIsa.X64, X64Cpu = cpu };
        var plain = Disasm.All(Code(config));
        var det = Disasm.All(Code(config with { Deterministic = true }));
        var compare = cpu == X64CpuLevel.Avx ? Mnemonic.Vucomiss : Mnemonic.Ucomiss;
        Assert.DoesNotContain(plain, i => i.Mnemonic == compare);
        int at = det.FindIndex(i => i.Mnemonic == compare && i.Op0Register == i.Op1Register);
        Assert.True(at >= 0, "no ucomiss x, x");
        Assert.Equal(Mnemonic.Jnp, det[at + 1].Mnemonic);
        Assert.Contains(det, i => i.Mnemonic == Mnemonic.Mov && i.Op1Kind == OpKind.Immediate32 && i.Immediate32 == 0x7FC0_0000);
        Assert.Contains(det, i => i.Mnemonic == Mnemonic.Sub && i.Op0Kind == OpKind.Memory && i.MemoryDisplacement32 == Slot && i.GetImmediate(1) == Cost);
        Assert.Contains(det, i => i.Mnemonic == Mnemonic.Add && i.Op0Kind == OpKind.Memory && i.MemoryDisplacement32 == Slot && i.GetImmediate(1) == Cost);
        Assert.DoesNotContain(plain, i => i.Op0Kind == OpKind.Memory && i.MemoryDisplacement32 == Slot);
    }

    [Fact]
    public void X64CanonicalizesF64WithItsOwnConstant()
    {
        var det = Disasm.All(Code(new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42, Deterministic = true },
            "(module (func (param f64) (result f64) local.get 0 f64.sqrt))"));
        Assert.Contains(det, i => i.Mnemonic == Mnemonic.Ucomisd && i.Op0Register == i.Op1Register);
        Assert.Contains(det, i => i.Mnemonic == Mnemonic.Mov && i.Op1Kind == OpKind.Immediate64 && i.Immediate64 == 0x7FF8_0000_0000_0000UL);
    }

    [Fact]
    public void Arm64SelectsTheCanonicalNaNAndChargesTheBudget()
    {
        var config = new EngineConfig { Target = TargetIsa.Arm64 };
        var plain = Arm64Check.Disassemble(Code(config));
        var det = Arm64Check.Disassemble(Code(config with { Deterministic = true }));
        Assert.DoesNotContain(det, t => t is null or ".invalid");
        Assert.DoesNotContain(plain, t => t.StartsWith("fcsel", StringComparison.Ordinal));
        int sel = Array.FindIndex(det, t => t.StartsWith("fcsel", StringComparison.Ordinal) && t.EndsWith(", vc", StringComparison.Ordinal));
        Assert.True(sel > 0, string.Join("\n", det));
        Assert.StartsWith("fcmp", det[sel - 1]);
        // fcmp x, x and fcsel x, x, canonical: the same register compared with itself and kept when ordered
        string x = det[sel - 1].Split(' ', ',')[1];
        Assert.Equal($"fcmp {x}, {x}", det[sel - 1]);
        Assert.StartsWith($"fcsel {x}, {x}, ", det[sel]);
        Assert.True(det.Any(t => t.Contains("0x7fc0", StringComparison.Ordinal)), string.Join("\n", det));
        string slot = $"#0x{Slot:x}]";
        Assert.Equal(2, det.Count(t => t.StartsWith("ldr w", StringComparison.Ordinal) && t.EndsWith(slot, StringComparison.Ordinal)));
        Assert.Equal(2, det.Count(t => t.StartsWith("str w", StringComparison.Ordinal) && t.EndsWith(slot, StringComparison.Ordinal)));
        Assert.Contains(det, t => t.StartsWith("subs w", StringComparison.Ordinal));
        Assert.DoesNotContain(plain, t => t.EndsWith(slot, StringComparison.Ordinal));
    }
}
