using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Wasi.Native;

/// <summary>WASI's <c>filestat</c> from an open Windows handle, and FILETIME (100 ns since 1601) ↔ WASI
/// nanoseconds since 1970.</summary>
internal static unsafe class WindowsStat
{
    private const long UnixEpochFileTime = 116_444_736_000_000_000L;

    public static FileStat Of(SafeFileHandle h)
    {
        WindowsFile.ByHandleFileInformation info;
        WindowsFile.Check(WindowsFile.GetFileInformationByHandle(h, &info));
        long* basic = stackalloc long[5]; // FILE_BASIC_INFO: creation, access, write, change, attributes (+pad)
        long change = WindowsFile.GetFileInformationByHandleEx(h, WindowsFile.FileBasicInfo, basic, 40) ? basic[3] : info.LastWriteTime;
        return new FileStat(info.VolumeSerialNumber, ((ulong)info.IndexHigh << 32) | info.IndexLow, TypeOf(h, info.Attributes),
            info.NumberOfLinks, ((ulong)info.SizeHigh << 32) | info.SizeLow,
            ToNs(info.LastAccessTime), ToNs(info.LastWriteTime), ToNs(change));
    }

    /// <summary>A reparse point is a symlink only when its tag says so (a junction reads as one too: the resolver
    /// refuses to follow either); other tags (cloud files, dedup) are the files they stand for.</summary>
    private static Filetype TypeOf(SafeFileHandle h, uint attributes)
    {
        if ((attributes & WindowsFile.FILE_ATTRIBUTE_REPARSE_POINT) != 0)
        {
            uint* tag = stackalloc uint[2];
            if (WindowsFile.GetFileInformationByHandleEx(h, WindowsFile.FileAttributeTagInfo, tag, 8) &&
                tag[1] is WindowsFile.IO_REPARSE_TAG_SYMLINK or WindowsFile.IO_REPARSE_TAG_MOUNT_POINT)
                return Filetype.SymbolicLink;
        }
        return (attributes & WindowsFile.FILE_ATTRIBUTE_DIRECTORY) != 0 ? Filetype.Directory : Filetype.RegularFile;
    }

    /// <summary>WASI's timestamps are unsigned: times before 1970 read as 0.</summary>
    public static ulong ToNs(long fileTime) => fileTime <= UnixEpochFileTime ? 0 : (ulong)(fileTime - UnixEpochFileTime) * 100;

    public static long ToFileTime(ulong ns) => (long)(ns / 100) + UnixEpochFileTime;

    /// <summary>Applies utimensat-style times (see <see cref="Timestamps.ToUtimens"/>): UTIME_OMIT leaves a time
    /// alone, UTIME_NOW takes the current time.</summary>
    public static void SetTimes(SafeFileHandle h, Posix.Timespec[] times)
    {
        long now = DateTime.UtcNow.ToFileTimeUtc();
        long atime = 0, mtime = 0;
        bool a = Pick(times[0], now, ref atime), m = Pick(times[1], now, ref mtime);
        if (!a && !m) return;
        WindowsFile.Check(WindowsFile.SetFileTime(h, null, a ? &atime : null, m ? &mtime : null));
    }

    private static bool Pick(Posix.Timespec t, long now, ref long fileTime)
    {
        if (t.Nsec == Posix.UTIME_OMIT) return false;
        fileTime = t.Nsec == Posix.UTIME_NOW ? now : ToFileTime((ulong)t.Sec * 1_000_000_000 + (ulong)t.Nsec);
        return true;
    }
}
