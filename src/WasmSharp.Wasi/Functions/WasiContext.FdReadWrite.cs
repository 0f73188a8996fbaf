using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    internal Errno FdRead(int fd, uint iovs, uint iovsLen, uint nreadPtr) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdRead);
        var bufs = Mem.ReadIovecs(iovs, iovsLen);
        ulong total = d switch
        {
            StreamDescriptor s => StreamRead(s, bufs),
            HostDescriptor h => Transfer(h, bufs, offset: -1, write: false),
            WindowsDescriptor w => WinTransfer(w, bufs, offset: -1, write: false),
            _ => throw new WasiErrnoException(Errno.Badf),
        };
        Mem.WriteU32(nreadPtr, (uint)total);
    });

    internal Errno FdWrite(int fd, uint iovs, uint iovsLen, uint nwrittenPtr) => Guard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdWrite);
        var bufs = Mem.ReadIovecs(iovs, iovsLen);
        ulong total = d switch
        {
            StreamDescriptor s => StreamWrite(s, bufs),
            HostDescriptor h => HostWrite(h, bufs),
            WindowsDescriptor w => WinTransfer(w, bufs, offset: -1, write: true),
            _ => throw new WasiErrnoException(Errno.Badf),
        };
        Mem.WriteU32(nwrittenPtr, (uint)total);
    });

    /// <summary>How many EPIPE failures on the host's stdout or stderr the guest is told about before it is
    /// ended as SIGPIPE would end it (Go's runtime allows the same number on a closed stdout before raising
    /// SIGPIPE itself).</summary>
    internal const int BrokenPipeWritesAllowed = 10;

    /// <summary>Exit status of a guest ended for writing to a closed pipe: what the shell reports for a native
    /// program killed by SIGPIPE (128 + 13).</summary>
    public const int BrokenPipeExitCode = 141;

    /// <summary>
    /// A native program writing to a pipe whose reader has gone is killed by SIGPIPE before write(2) returns EPIPE.
    /// WASI has no signals: the guest gets EPIPE, and one that checks can stop cleanly. But most programs never look
    /// (<c>while (1) puts("y");</c>) and would spin forever, so after <see cref="BrokenPipeWritesAllowed"/> such
    /// failures on the host's own stdout or stderr the guest is ended with <see cref="BrokenPipeExitCode"/>.
    /// </summary>
    private ulong HostWrite(HostDescriptor h, (uint Ptr, uint Len)[] bufs)
    {
        try
        {
            return Transfer(h, bufs, offset: -1, write: true);
        }
        catch (WasiErrnoException e) when (e.Errno == Errno.Pipe && h.SharedWithHost)
        {
            if (++h.BrokenPipeWrites < BrokenPipeWritesAllowed) throw;
            ExitCode = BrokenPipeExitCode;
            throw new WasiExitException(BrokenPipeExitCode, "the guest kept writing to a closed pipe and was ended as SIGPIPE would end it");
        }
    }

    internal Errno FdPread(int fd, uint iovs, uint iovsLen, ulong offset, uint nreadPtr) => Guard(() =>
    {
        if (WinPositional(fd, Rights.FdRead | Rights.FdSeek, offset) is { } w)
        {
            Mem.WriteU32(nreadPtr, (uint)WinTransfer(w, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: false));
            return;
        }
        var h = Positional(fd, Rights.FdRead | Rights.FdSeek, offset);
        Mem.WriteU32(nreadPtr, (uint)Transfer(h, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: false));
    });

    internal Errno FdPwrite(int fd, uint iovs, uint iovsLen, ulong offset, uint nwrittenPtr) => Guard(() =>
    {
        if (WinPositional(fd, Rights.FdWrite | Rights.FdSeek, offset) is { } w)
        {
            Mem.WriteU32(nwrittenPtr, (uint)WinTransfer(w, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: true));
            return;
        }
        var h = Positional(fd, Rights.FdWrite | Rights.FdSeek, offset);
        Mem.WriteU32(nwrittenPtr, (uint)Transfer(h, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: true));
    });

    /// <summary>A Windows file for pread/pwrite, checked as <see cref="Positional"/> checks; null for any other entry.</summary>
    private WindowsDescriptor? WinPositional(int fd, Rights needed, ulong offset)
    {
        if (_fds.Get(fd) is not WindowsDescriptor w) return null;
        w.Require(needed);
        if (w.IsDirectory) throw new WasiErrnoException(Errno.IsDir);
        if (offset > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
        return w;
    }

    /// <summary>The entry for pread/pwrite: streams cannot seek (ESPIPE), directories cannot be read (EISDIR).</summary>
    private HostDescriptor Positional(int fd, Rights needed, ulong offset)
    {
        var d = _fds.Get(fd);
        d.Require(needed);
        if (d is not HostDescriptor h) throw new WasiErrnoException(Errno.Spipe);
        if (h.IsDirectory) throw new WasiErrnoException(Errno.IsDir);
        if (offset > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
        return h;
    }

    /// <summary>Reads or writes the buffers in order at the file position (offset -1) or at
    /// <paramref name="offset"/>, in one readv/writev (preadv/pwritev) as the guest asked: one system call per
    /// WASI call, and a write to a pipe is not split. Linux moves at most 2 GiB - 4 KiB at once, so the count
    /// always fits the u32 the guest gets.</summary>
    private unsafe ulong Transfer(HostDescriptor h, (uint Ptr, uint Len)[] bufs, long offset, bool write)
    {
        var iov = stackalloc Posix.Iovec[bufs.Length]; // at most IOV_MAX (1024) entries
        for (int i = 0; i < bufs.Length; i++) iov[i] = new Posix.Iovec { Base = Mem.Address(bufs[i].Ptr, bufs[i].Len), Len = bufs[i].Len };
        nint n;
        do n = Syscall(h.Fd, iov, bufs.Length, offset, write);
        while (n < 0 && Posix.LastErrno == Posix.EINTR);
        WasiErrnoException.ThrowIfFailed(n);
        return (ulong)n;
    }

    private static unsafe nint Syscall(int fd, Posix.Iovec* iov, int count, long offset, bool write) => (write, offset < 0) switch
    {
        (true, true) => Posix.writev(fd, iov, count),
        (true, false) => Posix.pwritev(fd, iov, count, offset),
        (false, true) => Posix.readv(fd, iov, count),
        (false, false) => Posix.preadv(fd, iov, count, offset),
    };

    private ulong StreamRead(StreamDescriptor s, (uint Ptr, uint Len)[] bufs)
    {
        if (!s.Readable) throw new WasiErrnoException(Errno.Badf);
        ulong total = 0;
        foreach (var (ptr, len) in bufs)
        {
            int n = s.Stream.Read(Mem.Span(ptr, Math.Min(len, int.MaxValue)));
            total += (ulong)n;
            if (n < len) break;
        }
        return total;
    }

    private ulong StreamWrite(StreamDescriptor s, (uint Ptr, uint Len)[] bufs)
    {
        if (s.Readable) throw new WasiErrnoException(Errno.Badf);
        ulong total = 0;
        foreach (var (ptr, len) in bufs)
        {
            uint n = Math.Min(len, int.MaxValue);
            s.Stream.Write(Mem.Span(ptr, n));
            total += n;
            if (n < len) break;
        }
        s.Stream.Flush(); // the guest does its own buffering; keep output in order with the host's
        return total;
    }
}
