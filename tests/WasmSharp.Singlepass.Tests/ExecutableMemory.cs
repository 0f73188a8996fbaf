using System.Runtime.InteropServices;

namespace WasmSharp.Singlepass.Tests;

/// <summary>
/// A test-only W^X code region from libc mmap/mprotect: written while RW, then switched to RX
/// before anything runs in it.
/// </summary>
internal sealed unsafe partial class ExecutableMemory : IDisposable
{
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    private readonly nuint _size;

    public nint Address { get; }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public ExecutableMemory(ReadOnlySpan<byte> code)
    {
        _size = (nuint)((code.Length + 4095) & ~4095);
        Address = mmap(0, _size, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (Address == -1)
            throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        code.CopyTo(new Span<byte>((void*)Address, code.Length));
        if (mprotect(Address, _size, ProtRead | ProtExec) != 0)
            throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose() => munmap(Address, _size);
}
