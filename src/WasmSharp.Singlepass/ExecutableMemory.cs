using System.Runtime.InteropServices;

namespace WasmSharp.Singlepass;

/// <summary>
/// Native memory for generated code, W^X: written while read+write, then switched to read+execute and never
/// written again. Freed when disposed (or finalized). <c>mmap</c>/<c>mprotect</c> on Linux, <c>VirtualAlloc</c>/
/// <c>VirtualProtect</c> on Windows (see ExecutableMemory.Windows.cs).
/// </summary>
internal sealed unsafe partial class ExecutableMemory : IDisposable
{
    private const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    private const int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_POPULATE = 0x8000;

    public nint Address { get; private set; }
    public nuint Size { get; }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc")]
    private static partial int munmap(nint addr, nuint length);

    [LibraryImport("libgcc_s.so.1")]
    private static partial void __clear_cache(nint begin, nint end);

    /// <summary>Maps <paramref name="code"/>, machine code of <paramref name="isa"/>, into fresh pages and makes them
    /// executable.</summary>
    public ExecutableMemory(ReadOnlySpan<byte> code, TargetIsa isa = TargetIsa.Host)
    {
        nuint page = (nuint)Environment.SystemPageSize;
        Size = ((nuint)Math.Max(code.Length, 1) + page - 1) / page * page;
        if (OperatingSystem.IsWindows())
        {
            Address = MapWindows(code, Size);
            return;
        }
        // the code fills every page at once: populating them in the mmap call beats a page fault per 4 KiB (a few
        // percent of a large module's compile time)
        Address = mmap(0, Size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (OperatingSystem.IsLinux() ? MAP_POPULATE : 0), -1, 0);
        if (Address == -1) throw new OutOfMemoryException($"cannot map {Size} bytes for code (errno {Marshal.GetLastPInvokeError()})");
        code.CopyTo(new Span<byte>((void*)Address, code.Length));
        if (mprotect(Address, Size, PROT_READ | PROT_EXEC) != 0)
            throw new InvalidOperationException($"cannot make code executable (errno {Marshal.GetLastPInvokeError()})");
        // required on AArch64 (a no-op on x86-64); code of a foreign ISA never runs
        if (isa is TargetIsa.Host or TargetIsa.Arm64 && TargetIsas.Host == TargetIsa.Arm64)
            __clear_cache(Address, Address + code.Length);
    }

    public bool Contains(nint pc) => pc >= Address && pc < Address + (nint)Size;

    /// <summary>This region's slot in the fault handler's table, or -1.</summary>
    private int _trapSlot = -1;

    /// <summary>Memory faults in this code become out-of-bounds traps (guard-page bounds checks). The region leaves
    /// the handler's table before it is unmapped, so the handler never claims someone else's code.</summary>
    public void TrapFaults() => _trapSlot = TrapSignals.Add(Address, Address + (nint)Size);

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~ExecutableMemory() => Release();

    private void Release()
    {
        if (_trapSlot >= 0) TrapSignals.Remove(_trapSlot);
        _trapSlot = -1;
        if (Address != 0 && OperatingSystem.IsWindows()) UnmapWindows(Address);
        else if (Address != 0) munmap(Address, Size);
        Address = 0;
    }
}
