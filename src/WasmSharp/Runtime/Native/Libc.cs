using System.Runtime.InteropServices;

namespace WasmSharp.Runtime.Native;

/// <summary>The few libc calls the runtime needs: virtual memory and the thread's stack bounds.</summary>
internal static unsafe partial class Libc
{
    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    public const int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    public static readonly nint MAP_FAILED = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint addr, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc")]
    public static partial nint pthread_self();

    [LibraryImport("libc")]
    private static partial int getrlimit(int resource, ulong* limits);

    /// <summary>RLIMIT_AS: the same number on x86-64 and AArch64 Linux.</summary>
    private const int RLIMIT_AS = 9;

    [LibraryImport("libc")]
    public static partial int pthread_getattr_np(nint thread, void* attr);

    [LibraryImport("libc")]
    public static partial int pthread_attr_getstack(void* attr, nint* stackaddr, nuint* stacksize);

    [LibraryImport("libc")]
    public static partial int pthread_attr_destroy(void* attr);

    /// <summary>Reserves address space with no access; pages become usable through <see cref="mprotect"/>.
    /// Returns 0 when the address space is exhausted (or the size is over the process limit).</summary>
    public static nint TryReserve(nuint bytes)
    {
        nint p = mmap(0, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        return p == MAP_FAILED ? 0 : p;
    }

    /// <summary>The soft limit on the process's address space (<c>ulimit -v</c>), or null when unlimited.</summary>
    public static ulong? AddressSpaceLimit()
    {
        if (!OperatingSystem.IsLinux()) return null;
        ulong* limits = stackalloc ulong[2];
        if (getrlimit(RLIMIT_AS, limits) != 0 || limits[0] == ulong.MaxValue) return null;
        return limits[0];
    }

    /// <summary>Changes the access of reserved pages; false when the kernel refuses (out of memory or mappings).</summary>
    public static bool TryProtect(nint addr, nuint bytes, int prot) => bytes == 0 || mprotect(addr, bytes, prot) == 0;

    public static void Release(nint addr, nuint bytes)
    {
        if (addr != 0 && bytes != 0) munmap(addr, bytes);
    }

    /// <summary>The lowest address of the calling thread's stack, or 0 when unknown.</summary>
    public static nint CurrentThreadStackLow()
    {
        // pthread_attr_t is 56 bytes on glibc x86-64 and aarch64; give it room
        byte* attr = stackalloc byte[128];
        if (pthread_getattr_np(pthread_self(), attr) != 0) return 0;
        nint addr;
        nuint size;
        int rc = pthread_attr_getstack(attr, &addr, &size);
        pthread_attr_destroy(attr);
        return rc == 0 ? addr : 0;
    }
}
