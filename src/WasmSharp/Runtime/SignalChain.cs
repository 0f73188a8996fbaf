using System.ComponentModel;
using System.Runtime.InteropServices;

namespace WasmSharp.Runtime;

/// <summary>
/// Puts a machine-code SIGSEGV handler in front of the one installed now (.NET's, or another of ours), which the new
/// handler calls for every fault it does not take. Shared by Singlepass's trap handler and the CIL compiler's
/// guard-page handler (<see cref="GuardPageFaults"/>). Linux, glibc (x86-64 and AArch64 lay out
/// <c>struct sigaction</c> alike).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for the Singlepass compiler only
public static unsafe partial class SignalChain
{
    private const int SIGSEGV = 11;
    private const int SA_SIGINFO = 4, SA_ONSTACK = 0x08000000;
    /// <summary>Size of glibc's <c>struct sigaction</c>: the previous handler's is kept in a block this large.</summary>
    public const int SigactionSize = 152;
    /// <summary>Offset of <c>sa_flags</c> in glibc's <c>struct sigaction</c>.</summary>
    private const int SaFlags = 136;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sigaction(int signum, void* act, void* oldact);

    /// <summary>
    /// Installs <paramref name="handler"/> for SIGSEGV and stores the handler it replaces in <paramref name="previous"/>
    /// (<see cref="SigactionSize"/> bytes), for the new one to chain to. The new handler keeps the previous one's mask
    /// and flags: .NET blocks its thread-suspension signal while a handler runs on the alternate stack, and the kernel
    /// applies the mask of the handler registered (this one) to the whole chain; without it a GC suspending the
    /// thread interrupts .NET's handler and the process dies.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>sigaction</c> failed.</exception>
    public static void InstallInFront(nint handler, nint previous)
    {
        byte* act = stackalloc byte[SigactionSize];
        if (sigaction(SIGSEGV, null, act) != 0)
            throw new InvalidOperationException($"sigaction failed (errno {Marshal.GetLastPInvokeError()})");
        *(nint*)act = handler;
        *(int*)(act + SaFlags) |= SA_SIGINFO | SA_ONSTACK;
        if (sigaction(SIGSEGV, act, (void*)previous) != 0)
            throw new InvalidOperationException($"sigaction failed (errno {Marshal.GetLastPInvokeError()})");
    }
}
