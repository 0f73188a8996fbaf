namespace WasmSharp.Singlepass.X64;

/// <summary>x86-64 with an OS ABI (<see cref="X64Abi"/>: System V on Linux, Microsoft x64 on Windows);
/// <see cref="Avx"/> selects VEX encodings over SSE up to 4.2.</summary>
internal sealed class X64Target : Target
{
    private static readonly X64Target LinuxAvx = new(true, X64Abi.SystemV), LinuxSse42 = new(false, X64Abi.SystemV);
    private static readonly X64Target WindowsAvx = new(true, X64Abi.Windows), WindowsSse42 = new(false, X64Abi.Windows);
    /// <summary>One set of stubs per process and ABI: the fault handler installed once for the process lives there,
    /// and so does the unwinder every module's code reaches.</summary>
    private static readonly Lazy<X64Stubs> LinuxStubs = new(() => new X64Stubs(X64Abi.SystemV));
    private static readonly Lazy<X64Stubs> WindowsStubs = new(() => new X64Stubs(X64Abi.Windows));

    public bool Avx { get; }
    public X64Abi Abi { get; }

    private X64Target(bool avx, X64Abi abi)
    {
        Avx = avx;
        Abi = abi;
    }

    /// <summary>The target at <paramref name="level"/>; <see cref="X64CpuLevel.Auto"/> detects the host's CPU (and
    /// means SSE4.2, the baseline, when cross-compiling from another ISA). <paramref name="os"/>: the ABI's OS.</summary>
    public static X64Target For(X64CpuLevel level, TargetOs os = TargetOs.Host)
    {
        bool avx = level switch
        {
            X64CpuLevel.Avx => true,
            X64CpuLevel.Sse42 => false,
            _ => HostCpu.HasAvx,
        };
        return X64Abi.For(os).IsWindows ? (avx ? WindowsAvx : WindowsSse42) : (avx ? LinuxAvx : LinuxSse42);
    }

    public override TargetIsa Isa => TargetIsa.X64;
    public override TargetOs Os => Abi.Os;
    /// <summary>AVX code needs an AVX CPU as well as an x86-64 host.</summary>
    public override bool CanRunHere => base.CanRunHere && (!Avx || HostCpu.HasAvx);
    /// <summary>Linux keeps the names artifacts always had; Windows code differs (ABI), so its name says so.</summary>
    public override string Name => (Abi.IsWindows ? "x86_64-windows" : "x86_64") + (Avx ? "+avx" : "+sse4.2");

    public override CodeGen.MacroAssembler CreateMacroAssembler(bool guardPages) => new X64MacroAssembler(Avx, guardPages, Abi);

    internal override RuntimeStubs Stubs => (Abi.IsWindows ? WindowsStubs : LinuxStubs).Value;

    internal override void InstallFaultHandler()
    {
        if (Abi.IsWindows) TrapSignals.InstallVectored(Stubs.SignalHandler);
        else base.InstallFaultHandler();
    }
}
