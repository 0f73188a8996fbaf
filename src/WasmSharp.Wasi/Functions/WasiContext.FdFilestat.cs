using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    internal Errno FdFilestatGet(int fd, uint statPtr, bool unstableLayout = false) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdFilestatGet);
        var stat = d switch
        {
            HostDescriptor h => FileStat.Of(h.Fd),
            WindowsDescriptor w => WindowsStat.Of(w.Handle),
            _ => new FileStat(0, 0, d.Filetype, 1, 0, 0, 0, 0),
        };
        WriteFilestat(statPtr, stat, unstableLayout);
    });

    internal Errno FdFilestatSetSize(int fd, ulong size) => OperatingSystem.IsWindows() ? WinSetSize(fd, size) : Guard(() =>
    {
        var h = RegularFile(fd, Rights.FdFilestatSetSize);
        if (size > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
        WasiErrnoException.ThrowIfFailed(Posix.ftruncate(h.Fd, (long)size));
    });

    internal Errno FdFilestatSetTimes(int fd, ulong atim, ulong mtim, uint fstflags) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdFilestatSetTimes);
        var times = Timestamps.ToUtimens(atim, mtim, fstflags);
        if (d is WindowsDescriptor w) WindowsStat.SetTimes(w.Handle, times);
        else if (d is HostDescriptor h) SetTimes(h.Fd, times);
        else throw new WasiErrnoException(Errno.Badf);
    });

    private static unsafe void SetTimes(int fd, Posix.Timespec[] times)
    {
        fixed (Posix.Timespec* t = times) WasiErrnoException.ThrowIfFailed(Posix.futimens(fd, t));
    }

    /// <summary>filestat: 64 bytes in preview1; 56 in wasi_unstable, whose link count is a u32 (everything after
    /// it moves up by 8).</summary>
    private void WriteFilestat(uint ptr, FileStat s, bool unstableLayout)
    {
        var mem = Mem;
        mem.Span(ptr, unstableLayout ? 56u : 64u).Clear();
        mem.WriteU64(ptr, s.Dev);
        mem.WriteU64(ptr + 8, s.Ino);
        mem.WriteU8(ptr + 16, (byte)s.Filetype);
        if (unstableLayout)
        {
            mem.WriteU32(ptr + 20, (uint)s.Nlink);
            ptr -= 8;
        }
        else
        {
            mem.WriteU64(ptr + 24, s.Nlink);
        }
        mem.WriteU64(ptr + 32, s.Size);
        mem.WriteU64(ptr + 40, s.Atim);
        mem.WriteU64(ptr + 48, s.Mtim);
        mem.WriteU64(ptr + 56, s.Ctim);
    }
}
