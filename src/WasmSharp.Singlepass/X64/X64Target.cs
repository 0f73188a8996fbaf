namespace WasmSharp.Singlepass.X64;

/// <summary>x86-64 with the System V ABI (Linux); <see cref="Avx"/> selects VEX encodings over SSE up to 4.2.</summary>
public sealed class X64Target : Target
{
    private static readonly X64Target AvxTarget = new(true), Sse42Target = new(false);
    /// <summary>One set of stubs per process: the fault handler installed once for the process lives there, and so
    /// does the unwinder every module's code reaches.</summary>
    private static readonly Lazy<X64Stubs> SharedStubs = new(() => new X64Stubs());

    public bool Avx { get; }

    private X64Target(bool avx) => Avx = avx;

    /// <summary>The target at <paramref name="level"/>; <see cref="X64CpuLevel.Auto"/> detects the host's CPU (and
    /// means SSE4.2, the baseline, when cross-compiling from another ISA).</summary>
    public static X64Target For(X64CpuLevel level) => level switch
    {
        X64CpuLevel.Avx => AvxTarget,
        X64CpuLevel.Sse42 => Sse42Target,
        _ => HostCpu.HasAvx ? AvxTarget : Sse42Target,
    };

    public override TargetIsa Isa => TargetIsa.X64;
    /// <summary>AVX code needs an AVX CPU as well as an x86-64 host.</summary>
    public override bool CanRunHere => base.CanRunHere && (!Avx || HostCpu.HasAvx);
    public override string Name => Avx ? "x86_64+avx" : "x86_64+sse4.2";

    public override CodeGen.MacroAssembler CreateMacroAssembler(bool guardPages) => new X64MacroAssembler(Avx, guardPages);

    internal override RuntimeStubs Stubs => SharedStubs.Value;
}
