using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Singlepass.X64;

namespace WasmSharp.Singlepass;

/// <summary>
/// What the ISA-independent compiler needs from one target (an ISA with its OS ABI): a <see cref="MacroAssembler"/>
/// that lowers the generator's operators, and, when the target is the host, the stubs and fault handler that let its
/// code run. CPU features are the target's business (x86-64: AVX or SSE4.2). Selected from
/// <see cref="EngineConfig.Target"/>; the host by default.
/// </summary>
internal abstract class Target
{
    public abstract TargetIsa Isa { get; }

    /// <summary>The operating system whose ABI the code follows where it meets the runtime.</summary>
    public abstract TargetOs Os { get; }

    /// <summary>A short description of the ISA and the features in use, for reports (e.g. "x86_64+avx").</summary>
    public abstract string Name { get; }

    /// <summary>Code for this target runs in this process (otherwise it can only be compiled): the ISA and OS ABI
    /// (System V and Linux signals, or Microsoft x64 and vectored exceptions) are the host's.</summary>
    public virtual bool CanRunHere => Isa == TargetIsas.Host && Os == TargetOses.Host && Os != TargetOs.Host;

    /// <summary>A fresh macro assembler; <paramref name="guardPages"/>: out-of-bounds memory accesses fault (see
    /// <see cref="TrapSignals"/>) instead of being checked.</summary>
    public abstract MacroAssembler CreateMacroAssembler(bool guardPages);

    /// <summary>The process-wide stubs; only for a host target.</summary>
    internal abstract RuntimeStubs Stubs { get; }

    /// <summary>Makes faults in generated code traps, once per process (POSIX signals here; Windows targets install
    /// a vectored exception handler instead).</summary>
    internal virtual void InstallFaultHandler() => TrapSignals.Install(Stubs.SignalHandler);

    /// <summary>The target <paramref name="config"/> names, with its CPU features resolved.</summary>
    public static Target For(EngineConfig config) => config.EffectiveTarget() switch
    {
        TargetIsa.X64 => X64Target.For(config.RequestedX64Cpu(), config.EffectiveTargetOs()),
        TargetIsa.Arm64 when config.EffectiveTargetOs() != TargetOs.Windows => Arm64.Arm64Target.Instance,
        TargetIsa.Arm64 => throw new PlatformNotSupportedException($"the Singlepass AArch64 back end knows the Linux ABI only, not {config.EffectiveTargetOs()}"),
        _ => throw new PlatformNotSupportedException($"the Singlepass compiler has no back end for {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}"),
    };
}
