namespace WasmSharp.Runtime.Native;

/// <summary>Address-space reservations and commits for linear memories, on the running OS: <c>mmap</c>/
/// <c>mprotect</c> on Linux, <c>VirtualAlloc</c>/<c>VirtualFree</c> on Windows. The choice is a plain run-time test
/// (NativeAOT keeps both paths; neither needs reflection).</summary>
internal static class VirtualMemory
{
    /// <summary>Reserves <paramref name="bytes"/> with no access; 0 when the address space is exhausted.</summary>
    public static nint TryReserve(nuint bytes) => OperatingSystem.IsWindows() ? Kernel32.TryReserve(bytes) : Libc.TryReserve(bytes);

    /// <summary>Makes the first <paramref name="bytes"/> of a reservation readable and writable; false when the
    /// system refuses (out of memory or commit charge).</summary>
    public static bool TryCommit(nint address, nuint bytes) => OperatingSystem.IsWindows()
        ? Kernel32.TryCommit(address, bytes)
        : Libc.TryProtect(address, bytes, Libc.PROT_READ | Libc.PROT_WRITE);

    public static void Release(nint address, nuint bytes)
    {
        if (OperatingSystem.IsWindows()) Kernel32.Release(address);
        else Libc.Release(address, bytes);
    }

    /// <summary>The lowest address of the calling thread's stack, or 0 when unknown.</summary>
    public static nint CurrentThreadStackLow() =>
        OperatingSystem.IsWindows() ? Kernel32.CurrentThreadStackLow() : Libc.CurrentThreadStackLow();
}
