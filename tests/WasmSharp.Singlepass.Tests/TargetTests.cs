using WasmSharp.Singlepass.X64;
using Xunit;

namespace WasmSharp.Singlepass.Tests;

/// <summary>Choosing the target and its CPU features from <see cref="EngineConfig"/>.</summary>
public class TargetTests
{
    [Fact]
    public void CpuLevelsParseAndTyposAreErrors()
    {
        Assert.Equal(X64CpuLevel.Avx, X64CpuLevels.Parse("AVX", "test"));
        Assert.Equal(X64CpuLevel.Sse42, X64CpuLevels.Parse(" sse4.2 ", "test"));
        Assert.Equal(X64CpuLevel.Auto, X64CpuLevels.Parse(null, "test"));
        var e = Assert.Throws<ArgumentException>(() => X64CpuLevels.Parse("bogus", "WASMSHARP_CPU"));
        Assert.Contains("WASMSHARP_CPU", e.Message);
        Assert.Contains("bogus", e.Message);
    }

    [Fact]
    public void TargetsParseAndTyposAreErrors()
    {
        Assert.Equal(TargetIsa.X64, TargetIsas.Parse("x86_64", "--target"));
        Assert.Equal(TargetIsa.Arm64, TargetIsas.Parse("aarch64", "--target"));
        Assert.Equal(TargetIsa.Host, TargetIsas.Parse(null, "--target"));
        Assert.Contains("--target", Assert.Throws<ArgumentException>(() => TargetIsas.Parse("mips", "--target")).Message);
    }

    [Fact]
    public void TheConfigChoosesTheX64Level()
    {
        var avx = Assert.IsType<X64Target>(Target.For(new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Avx }));
        Assert.True(avx.Avx);
        Assert.Equal("x86_64+avx", avx.Name);
        var sse = Assert.IsType<X64Target>(Target.For(new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42 }));
        Assert.False(sse.Avx);
        Assert.IsType<X64MacroAssembler>(sse.CreateMacroAssembler(guardPages: true));
    }

    [Fact]
    public void Arm64HasItsBackEnd()
    {
        var target = Assert.IsType<WasmSharp.Singlepass.Arm64.Arm64Target>(Target.For(new EngineConfig { Target = TargetIsa.Arm64 }));
        Assert.Equal("aarch64", target.Name);
        Assert.IsType<WasmSharp.Singlepass.Arm64.Arm64MacroAssembler>(target.CreateMacroAssembler(guardPages: false));
        Assert.Equal(TargetIsas.Host == TargetIsa.Arm64 && OperatingSystem.IsLinux(), target.CanRunHere);
    }

    /// <summary>A target of another ISA: its code compiles elsewhere, and must never be entered here.</summary>
    private sealed class ForeignTarget : Target
    {
        public override TargetIsa Isa => TargetIsas.Host == TargetIsa.X64 ? TargetIsa.Arm64 : TargetIsa.X64;
        public override TargetOs Os => TargetOses.Host;
        public override string Name => "foreign";
        public override CodeGen.MacroAssembler CreateMacroAssembler(bool guardPages) => throw new NotSupportedException();
        internal override RuntimeStubs Stubs => throw new InvalidOperationException("a foreign target has no stubs");
    }

    [Fact]
    public unsafe void CodeOfAForeignIsaIsRefusedClearly()
    {
        var runner = new SinglepassRunner(new ForeignTarget());
        var type = new FuncType([], []);
        Assert.Contains("cannot run", Assert.Throws<PlatformNotSupportedException>(() => runner.HostFunctionCode(type)).Message);
        var e = Assert.Throws<PlatformNotSupportedException>(() => runner.Invoke(null, type, null, null));
        Assert.Contains("foreign", e.Message);
    }
}
