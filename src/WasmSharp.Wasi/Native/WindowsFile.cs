using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Wasi.Native;

/// <summary>
/// The kernel32 calls WASI's file system needs on Windows. Paths given here are always absolute <c>\\?\</c> paths
/// built by <see cref="WindowsPathResolver"/> from checked components, so Win32 never reinterprets them (no device
/// names, no trailing-dot stripping, no 260-character limit). Every open passes <c>FILE_FLAG_OPEN_REPARSE_POINT</c>:
/// the resolver follows links itself, inside the sandbox only.
/// </summary>
internal static unsafe partial class WindowsFile
{
    public const uint GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, DELETE = 0x10000,
        FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100, FILE_LIST_DIRECTORY = 1, SYNCHRONIZE = 0x100000;
    public const uint FILE_SHARE_ALL = 1 | 2 | 4; // read, write, delete: POSIX lets others rename and unlink open files
    public const uint CREATE_NEW = 1, CREATE_ALWAYS = 2, OPEN_EXISTING = 3, OPEN_ALWAYS = 4, TRUNCATE_EXISTING = 5;
    public const uint FILE_FLAG_WRITE_THROUGH = 0x80000000, FILE_FLAG_BACKUP_SEMANTICS = 0x02000000,
        FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;
    public const uint FILE_ATTRIBUTE_READONLY = 1, FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_REPARSE_POINT = 0x400,
        INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF;
    public const uint IO_REPARSE_TAG_MOUNT_POINT = 0xA0000003, IO_REPARSE_TAG_SYMLINK = 0xA000000C;
    public const uint MOVEFILE_REPLACE_EXISTING = 1;
    public const uint SYMBOLIC_LINK_FLAG_DIRECTORY = 1, SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE = 2;

    [LibraryImport("kernel32", EntryPoint = "CreateFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial nint CreateFile(string name, uint access, uint share, nint security, uint disposition, uint flags, nint template);

    [LibraryImport("kernel32", EntryPoint = "GetFileAttributesW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial uint GetFileAttributes(string name);

    [LibraryImport("kernel32", EntryPoint = "CreateDirectoryW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CreateDirectory(string name, nint security);

    [LibraryImport("kernel32", EntryPoint = "RemoveDirectoryW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool RemoveDirectory(string name);

    [LibraryImport("kernel32", EntryPoint = "DeleteFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool DeleteFile(string name);

    [LibraryImport("kernel32", EntryPoint = "MoveFileExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool MoveFileEx(string from, string to, uint flags);

    [LibraryImport("kernel32", EntryPoint = "CreateHardLinkW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CreateHardLink(string link, string existing, nint security);

    [LibraryImport("kernel32", EntryPoint = "CreateSymbolicLinkW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CreateSymbolicLink(string link, string target, uint flags);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool FlushFileBuffers(SafeFileHandle file);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetFileTime(SafeFileHandle file, long* creation, long* access, long* write);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool GetFileInformationByHandle(SafeFileHandle file, ByHandleFileInformation* info);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool GetFileInformationByHandleEx(SafeFileHandle file, int infoClass, void* info, uint size);

    [LibraryImport("kernel32", EntryPoint = "GetFinalPathNameByHandleW", SetLastError = true)]
    private static partial uint GetFinalPathNameByHandle(SafeFileHandle file, char* buffer, uint size, uint flags);

    [StructLayout(LayoutKind.Sequential, Pack = 4)] // FILETIMEs are two DWORDs: no padding before them
    public struct ByHandleFileInformation
    {
        public uint Attributes;
        public long CreationTime, LastAccessTime, LastWriteTime;
        public uint VolumeSerialNumber, SizeHigh, SizeLow, NumberOfLinks, IndexHigh, IndexLow;
    }

    public const int FileBasicInfo = 0, FileAttributeTagInfo = 9;

    /// <summary>Opens <paramref name="path"/> without following a final reparse point; throws the mapped errno.</summary>
    public static SafeFileHandle Open(string path, uint access, uint disposition, uint flags)
    {
        nint h = CreateFile(path, access, FILE_SHARE_ALL, 0, disposition, flags | FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS, 0);
        if (h == -1) throw LastError();
        return new SafeFileHandle(h, ownsHandle: true);
    }

    /// <summary>Opens for attributes only (stat, set times, a directory as a base for paths).</summary>
    public static SafeFileHandle OpenAttributes(string path, bool write) =>
        Open(path, FILE_READ_ATTRIBUTES | (write ? FILE_WRITE_ATTRIBUTES : 0) | SYNCHRONIZE, OPEN_EXISTING, 0);

    /// <summary>The path the file system knows the open file by now (<c>\\?\C:\...</c>), whatever path opened it.</summary>
    public static string FinalPath(SafeFileHandle file)
    {
        var buf = new char[512];
        while (true)
        {
            uint n;
            fixed (char* p = buf) n = GetFinalPathNameByHandle(file, p, (uint)buf.Length, 0);
            if (n == 0) throw LastError();
            if (n < buf.Length) return new string(buf, 0, (int)n);
            buf = new char[n + 1];
        }
    }

    public static void Check(bool ok)
    {
        if (!ok) throw LastError();
    }

    public static WasiErrnoException LastError() => new(WindowsErrors.FromWin32(Marshal.GetLastPInvokeError()));
}
