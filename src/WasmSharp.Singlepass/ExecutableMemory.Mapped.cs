using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Singlepass;

/// <summary>Code mapped straight from an artifact file (read+execute, private): nothing is copied, the pages come
/// from the page cache on first execution and are shared by every process that loads the same file.</summary>
internal sealed unsafe partial class ExecutableMemory
{
    private ExecutableMemory(nint address, nuint size)
    {
        Address = address;
        Size = size;
    }

    /// <summary>Maps <paramref name="length"/> bytes of code at <paramref name="offset"/> (page-aligned) of a file,
    /// or null when the system refuses (e.g. a file system mounted noexec): the caller copies the code instead.
    /// No instruction-cache maintenance is needed: the kernel makes freshly mapped executable pages coherent.</summary>
    public static ExecutableMemory? TryMapFile(SafeFileHandle file, long offset, int length)
    {
        if (length <= 0 || offset % Environment.SystemPageSize != 0) return null;
        nuint page = (nuint)Environment.SystemPageSize;
        nuint size = ((nuint)length + page - 1) / page * page;
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            nint address = mmap(0, size, PROT_READ | PROT_EXEC, MAP_PRIVATE, (int)file.DangerousGetHandle(), (nint)offset);
            // the mapping keeps the file's pages; the descriptor may be closed once mmap returns
            return address == -1 ? null : new ExecutableMemory(address, size);
        }
        finally
        {
            if (added) file.DangerousRelease();
        }
    }

    /// <summary>Whether this platform maps files as code (Linux; elsewhere code is copied).</summary>
    public static bool CanMapFiles => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;
}
