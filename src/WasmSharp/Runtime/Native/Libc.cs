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
    public static partial int pthread_getattr_np(nint thread, void* attr);

    [LibraryImport("libc")]
    public static partial int pthread_attr_getstack(void* attr, nint* stackaddr, nuint* stacksize);

    [LibraryImport("libc")]
    public static partial int pthread_attr_destroy(void* attr);

    /// <summary>Reserves address space with no access; pages become usable through <see cref="mprotect"/>.</summary>
    public static nint Reserve(nuint bytes)
    {
        nint p = mmap(0, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) throw new OutOfMemoryException($"cannot reserve {bytes} bytes of address space (errno {Marshal.GetLastPInvokeError()})");
        return p;
    }

    public static void Protect(nint addr, nuint bytes, int prot)
    {
        if (bytes == 0) return;
        if (mprotect(addr, bytes, prot) != 0)
            throw new OutOfMemoryException($"mprotect failed (errno {Marshal.GetLastPInvokeError()})");
    }

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
