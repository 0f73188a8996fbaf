using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>Closes the guest's entry only: an inherited host stream stays open.</summary>
    internal Errno FdClose(int fd) => Guard(() => _fds.Close(fd));

    internal Errno FdRenumber(int from, int to) => Guard(() => _fds.Renumber(from, to));

    internal Errno FdSeek(int fd, long offset, uint whence, uint newOffsetPtr) => Guard(() =>
    {
        var d = _fds.Get(fd);
        // a query of the position needs only FD_TELL (the spec's words)
        d.Require(whence == (uint)Whence.Cur && offset == 0 ? Rights.FdTell : Rights.FdSeek);
        if (whence > (uint)Whence.End) throw new WasiErrnoException(Errno.Inval);
        Mem.WriteU64(newOffsetPtr, Seek(d, offset, (int)whence));
    });

    internal Errno FdTell(int fd, uint offsetPtr) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdTell);
        Mem.WriteU64(offsetPtr, Seek(d, 0, (int)Whence.Cur));
    });

    /// <summary>lseek; WASI's whence numbers equal Linux's SEEK_SET/CUR/END.</summary>
    private static ulong Seek(Descriptor d, long offset, int whence)
    {
        if (d is WindowsDescriptor w) return WinSeek(w, offset, whence);
        if (d is not HostDescriptor h) throw new WasiErrnoException(Errno.Spipe);
        if (h.IsDirectory) throw new WasiErrnoException(Errno.Badf);
        long pos = Posix.lseek(h.Fd, offset, whence);
        WasiErrnoException.ThrowIfFailed(pos);
        return (ulong)pos;
    }

    internal Errno FdSync(int fd) => Guard(() => Sync(fd, Rights.FdSync, Posix.fsync));

    internal Errno FdDatasync(int fd) => Guard(() => Sync(fd, Rights.FdDatasync, Posix.fdatasync));

    private void Sync(int fd, Rights needed, Func<int, int> call)
    {
        var d = _fds.Get(fd);
        d.Require(needed);
        if (d is StreamDescriptor s) s.Stream.Flush();
        else if (d is WindowsDescriptor w) WinSync(w);
        else WasiErrnoException.ThrowIfFailed(call(((HostDescriptor)d).Fd));
    }

    internal Errno FdAdvise(int fd, ulong offset, ulong length, uint advice) => OperatingSystem.IsWindows() ? WinAdvise(fd, offset, length, advice) : Guard(() =>
    {
        var h = RegularFile(fd, Rights.FdAdvise);
        if (advice > (uint)Advice.NoReuse || offset > long.MaxValue || length > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
        // POSIX numbers random 1 and sequential 2; WASI the other way round
        int posix = (Advice)advice switch { Advice.Sequential => 2, Advice.Random => 1, _ => (int)advice };
        int rc = Posix.posix_fadvise(h.Fd, (long)offset, (long)length, posix);
        if (rc != 0) throw new WasiErrnoException(ErrnoMap.FromLinux(rc));
    });

    internal Errno FdAllocate(int fd, ulong offset, ulong length) => OperatingSystem.IsWindows() ? WinAllocate(fd, offset, length) : Guard(() =>
    {
        var h = RegularFile(fd, Rights.FdAllocate);
        if (offset > long.MaxValue || length > long.MaxValue || length == 0) throw new WasiErrnoException(Errno.Inval);
        int rc = Posix.posix_fallocate(h.Fd, (long)offset, (long)length);
        if (rc != 0) throw new WasiErrnoException(ErrnoMap.FromLinux(rc));
    });

    /// <summary>A host file that is not a directory (EISDIR), nor a stream (EBADF... streams have no such right anyway).</summary>
    private HostDescriptor RegularFile(int fd, Rights needed)
    {
        var h = Host(fd, needed);
        if (h.IsDirectory) throw new WasiErrnoException(Errno.IsDir);
        return h;
    }

    internal Errno FdFdstatGet(int fd, uint statPtr) => Guard(() =>
    {
        var d = _fds.Get(fd);
        var mem = Mem;
        mem.Span(statPtr, 24).Clear();
        mem.WriteU8(statPtr, (byte)d.Filetype);
        mem.WriteU16(statPtr + 2, (ushort)FlagsOf(d));
        mem.WriteU64(statPtr + 8, (ulong)d.Base);
        mem.WriteU64(statPtr + 16, (ulong)d.Inheriting);
    });

    private static Fdflags FlagsOf(Descriptor d)
    {
        if (d is StreamDescriptor s) return s.Flags;
        if (d is WindowsDescriptor w) return w.Flags;
        int fl = Posix.fcntl(((HostDescriptor)d).Fd, Posix.F_GETFL, 0);
        WasiErrnoException.ThrowIfFailed(fl);
        var f = Fdflags.None;
        if ((fl & Posix.O_APPEND) != 0) f |= Fdflags.Append;
        if ((fl & Posix.O_NONBLOCK) != 0) f |= Fdflags.Nonblock;
        if ((fl & Posix.O_SYNC) == Posix.O_SYNC) f |= Fdflags.Sync;
        else if ((fl & Posix.O_DSYNC) != 0) f |= Fdflags.Dsync;
        return f;
    }

    /// <summary>Linux can change only append and non-blocking on an open file; asking to change a sync flag is
    /// ENOTSUP, and so is any change to the host's own stdio.</summary>
    internal Errno FdFdstatSetFlags(int fd, uint flags) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdFdstatSetFlags);
        if (flags > 0x1F) throw new WasiErrnoException(Errno.Inval);
        var wanted = (Fdflags)flags;
        if (d is StreamDescriptor s)
        {
            s.Flags = wanted & (Fdflags.Append | Fdflags.Nonblock);
            return;
        }
        if (d is WindowsDescriptor w)
        {
            WinSetFlags(w, wanted);
            return;
        }
        var h = (HostDescriptor)d;
        // Linux has no separate O_RSYNC: it means O_SYNC
        if (wanted.HasFlag(Fdflags.Rsync)) wanted = (wanted & ~Fdflags.Rsync) | Fdflags.Sync;
        const Fdflags syncFlags = Fdflags.Dsync | Fdflags.Sync;
        if ((wanted & syncFlags) != (FlagsOf(h) & syncFlags)) throw new WasiErrnoException(Errno.NotSup);
        // the host's stdio shares its file description with our parent (a shell's terminal, say): a non-blocking
        // flag set here would outlive the guest
        if (h.SharedWithHost && wanted != FlagsOf(h)) throw new WasiErrnoException(Errno.NotSup);
        int fl = Posix.fcntl(h.Fd, Posix.F_GETFL, 0);
        WasiErrnoException.ThrowIfFailed(fl);
        fl &= ~(Posix.O_APPEND | Posix.O_NONBLOCK);
        if (wanted.HasFlag(Fdflags.Append)) fl |= Posix.O_APPEND;
        if (wanted.HasFlag(Fdflags.Nonblock)) fl |= Posix.O_NONBLOCK;
        WasiErrnoException.ThrowIfFailed(Posix.fcntl(h.Fd, Posix.F_SETFL, fl));
    });

    /// <summary>Rights can only shrink.</summary>
    internal Errno FdFdstatSetRights(int fd, ulong @base, ulong inheriting) => Guard(() =>
    {
        var d = _fds.Get(fd);
        if ((@base & ~(ulong)d.Base) != 0 || (inheriting & ~(ulong)d.Inheriting) != 0)
            throw new WasiErrnoException(Errno.NotCapable);
        d.Base = (Rights)@base;
        d.Inheriting = (Rights)inheriting;
    });
}
