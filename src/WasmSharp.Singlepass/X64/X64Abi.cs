namespace WasmSharp.Singlepass.X64;

/// <summary>
/// The x86-64 calling convention generated code follows where it meets native code (libcalls into .NET, the entry
/// trampoline called from .NET, the fault handler): System V on Linux, Microsoft x64 on Windows. Wasm-to-Wasm calls
/// use our own convention on both. Windows differs in the argument registers (rcx, rdx, r8, r9, then the stack
/// after 32 bytes of shadow space the caller reserves), in rsi, rdi and xmm6-xmm15 being callee-saved, and in stacks
/// that grow through one guard page at a time, so frames larger than a page are probed page by page.
/// </summary>
internal sealed class X64Abi
{
    public static readonly X64Abi SystemV = new(TargetOs.Linux, [Gpr.Rdi, Gpr.Rsi, Gpr.Rdx, Gpr.Rcx, Gpr.R8, Gpr.R9], 0);
    public static readonly X64Abi Windows = new(TargetOs.Windows, [Gpr.Rcx, Gpr.Rdx, Gpr.R8, Gpr.R9], 32);

    /// <summary>Windows commits a thread's stack one page at a time through a guard page: a frame may not skip one.</summary>
    public const int ProbeInterval = 4096;

    public TargetOs Os { get; }
    /// <summary>Integer arguments in registers, in order; further arguments go on the stack.</summary>
    public IReadOnlyList<Gpr> ArgRegs { get; }
    /// <summary>Bytes the caller reserves at the stack pointer for the callee (Windows' home area).</summary>
    public int ShadowSpace { get; }
    public bool IsWindows => Os == TargetOs.Windows;

    private X64Abi(TargetOs os, Gpr[] argRegs, int shadowSpace)
    {
        Os = os;
        ArgRegs = argRegs;
        ShadowSpace = shadowSpace;
    }

    /// <summary>The ABI of <paramref name="os"/> (the host's for <see cref="TargetOs.Host"/>; System V for an OS we
    /// do not know, whose code then compiles but never runs).</summary>
    public static X64Abi For(TargetOs os) => (os == TargetOs.Host ? TargetOses.Host : os) == TargetOs.Windows ? Windows : SystemV;
}
