using System.Runtime.InteropServices;

namespace Arm64Host;

/// <summary>
/// Generated code in its own pages, W^X: mapped read+write, filled, switched to read+execute, then the
/// instruction cache is cleaned (required on real AArch64, where the data and instruction caches are not coherent).
/// </summary>
internal sealed unsafe partial class NativeCode : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4, MapPrivate = 0x02, MapAnonymous = 0x20;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc")]
    private static partial int munmap(nint addr, nuint length);

    [LibraryImport("libgcc_s.so.1")]
    private static partial void __clear_cache(nint begin, nint end);

    public nint Address { get; }
    private readonly nuint _size;

    public NativeCode(ReadOnlySpan<byte> code)
    {
        nuint page = (nuint)Environment.SystemPageSize;
        _size = ((nuint)Math.Max(code.Length, 1) + page - 1) / page * page;
        Address = mmap(0, _size, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (Address == -1)
            throw new InvalidOperationException($"mmap failed, errno {Marshal.GetLastPInvokeError()}");
        code.CopyTo(new Span<byte>((void*)Address, code.Length));
        if (mprotect(Address, _size, ProtRead | ProtExec) != 0)
            throw new InvalidOperationException($"mprotect failed, errno {Marshal.GetLastPInvokeError()}");
        __clear_cache(Address, Address + code.Length);
    }

    public void Dispose() => munmap(Address, _size);
}
