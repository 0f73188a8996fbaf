using System.Runtime.InteropServices;

namespace WasmSharp.Runtime.Native;

/// <summary>The few Windows calls the runtime needs: virtual memory and the thread's stack bounds (the Windows
/// counterpart of <see cref="Libc"/>).</summary>
internal static unsafe partial class Kernel32
{
    public const uint MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000;
    public const uint PAGE_NOACCESS = 0x01, PAGE_READWRITE = 0x04;

    [LibraryImport("kernel32", SetLastError = true)]
    public static partial nint VirtualAlloc(nint address, nuint size, uint allocationType, uint protect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool VirtualFree(nint address, nuint size, uint freeType);

    [LibraryImport("kernel32")]
    private static partial void GetCurrentThreadStackLimits(nuint* low, nuint* high);

    /// <summary>Reserves address space with no access and no commit charge; pages become usable through
    /// <see cref="TryCommit"/>. Returns 0 when the address space is exhausted.</summary>
    public static nint TryReserve(nuint bytes) => VirtualAlloc(0, bytes, MEM_RESERVE, PAGE_NOACCESS);

    /// <summary>Commits reserved pages read+write (committing committed pages again is harmless); false when the
    /// commit limit is reached.</summary>
    public static bool TryCommit(nint address, nuint bytes) =>
        bytes == 0 || VirtualAlloc(address, bytes, MEM_COMMIT, PAGE_READWRITE) != 0;

    /// <summary>Releases a whole reservation (Windows frees by its base, size 0).</summary>
    public static void Release(nint address)
    {
        if (address != 0) VirtualFree(address, 0, MEM_RELEASE);
    }

    /// <summary>The lowest address of the calling thread's stack reservation (where its guard page ends up).</summary>
    public static nint CurrentThreadStackLow()
    {
        nuint low, high;
        GetCurrentThreadStackLimits(&low, &high);
        return (nint)low;
    }
}
