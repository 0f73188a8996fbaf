using System.Runtime.InteropServices;

namespace WasmSharp.Singlepass;

/// <summary>
/// Windows: the fault handler is a vectored exception handler (the target's machine code, see
/// <see cref="RuntimeStubs.SignalHandler"/>), installed first in the chain so that it sees access violations in
/// generated code before .NET does; it reads the same table of code ranges as the POSIX handler and returns
/// EXCEPTION_CONTINUE_SEARCH for everything else, so .NET's own handling is untouched.
/// </summary>
internal static unsafe partial class TrapSignals
{
    [LibraryImport("kernel32", SetLastError = true)]
    private static partial nint AddVectoredExceptionHandler(uint first, nint handler);

    /// <summary>Installs <paramref name="handler"/> (<c>LONG handler(EXCEPTION_POINTERS*)</c>) once per process.</summary>
    public static void InstallVectored(nint handler)
    {
        using var _ = Gate.EnterScope();
        if (_installed) return;
        if (AddVectoredExceptionHandler(1, handler) == 0)
            throw new InvalidOperationException($"AddVectoredExceptionHandler failed (error {Marshal.GetLastPInvokeError()})");
        _installed = true;
    }
}
