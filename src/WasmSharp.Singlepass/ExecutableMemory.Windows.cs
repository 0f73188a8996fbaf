using System.Runtime.InteropServices;

namespace WasmSharp.Singlepass;

/// <summary>Windows: committed with <c>VirtualAlloc</c> read+write, written, switched to execute+read with
/// <c>VirtualProtect</c> (W^X), the instruction cache flushed, released with <c>VirtualFree</c>.</summary>
internal sealed unsafe partial class ExecutableMemory
{
    private const uint MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000;
    private const uint PAGE_READWRITE = 0x04, PAGE_EXECUTE_READ = 0x20;

    [LibraryImport("kernel32", SetLastError = true)]
    private static partial nint VirtualAlloc(nint address, nuint size, uint allocationType, uint protect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualProtect(nint address, nuint size, uint newProtect, uint* oldProtect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(nint address, nuint size, uint freeType);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool FlushInstructionCache(nint process, nint address, nuint size);

    /// <summary>The pseudo-handle <c>GetCurrentProcess()</c> returns.</summary>
    private const nint CurrentProcess = -1;

    private static nint MapWindows(ReadOnlySpan<byte> code, nuint size)
    {
        nint address = VirtualAlloc(0, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
        if (address == 0) throw new OutOfMemoryException($"cannot allocate {size} bytes for code (error {Marshal.GetLastPInvokeError()})");
        code.CopyTo(new Span<byte>((void*)address, code.Length));
        uint old;
        if (!VirtualProtect(address, size, PAGE_EXECUTE_READ, &old))
        {
            int error = Marshal.GetLastPInvokeError();
            VirtualFree(address, 0, MEM_RELEASE);
            throw new InvalidOperationException($"cannot make code executable (error {error})");
        }
        FlushInstructionCache(CurrentProcess, address, size);
        return address;
    }

    private static void UnmapWindows(nint address) => VirtualFree(address, 0, MEM_RELEASE);
}
