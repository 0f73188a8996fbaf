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
            HostDescriptor h => Transfer(h, bufs, offset: -1, write: true),
            _ => throw new WasiErrnoException(Errno.Badf),
        };
        Mem.WriteU32(nwrittenPtr, (uint)total);
    });

    internal Errno FdPread(int fd, uint iovs, uint iovsLen, ulong offset, uint nreadPtr) => Guard(() =>
    {
        var h = Positional(fd, Rights.FdRead | Rights.FdSeek, offset);
        Mem.WriteU32(nreadPtr, (uint)Transfer(h, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: false));
    });

    internal Errno FdPwrite(int fd, uint iovs, uint iovsLen, ulong offset, uint nwrittenPtr) => Guard(() =>
    {
        var h = Positional(fd, Rights.FdWrite | Rights.FdSeek, offset);
        Mem.WriteU32(nwrittenPtr, (uint)Transfer(h, Mem.ReadIovecs(iovs, iovsLen), (long)offset, write: true));
    });

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
    /// <paramref name="offset"/>, stopping at the first short transfer. An error after some bytes moved is
    /// reported as the short count, the way readv/writev do.</summary>
    private unsafe ulong Transfer(HostDescriptor h, (uint Ptr, uint Len)[] bufs, long offset, bool write)
    {
        ulong total = 0;
        foreach (var (ptr, whole) in bufs)
        {
            if (whole == 0) continue;
            if (total + whole > uint.MaxValue) break; // the count returned is a u32
            uint len = Math.Min(whole, int.MaxValue); // a short transfer is allowed; a span cannot be longer
            nint n;
            fixed (byte* p = Mem.Span(ptr, len))
            {
                do n = Syscall(h.Fd, p, len, offset < 0 ? -1 : offset + (long)total, write);
                while (n < 0 && Posix.LastErrno == Posix.EINTR);
            }
            if (n < 0)
            {
                if (total > 0) break;
                throw WasiErrnoException.FromLastError();
            }
            total += (ulong)n;
            if ((uint)n < whole) break;
        }
        return total;
    }

    private static unsafe nint Syscall(int fd, byte* p, uint len, long offset, bool write) => (write, offset < 0) switch
    {
        (true, true) => Posix.write(fd, p, len),
        (true, false) => Posix.pwrite(fd, p, len, offset),
        (false, true) => Posix.read(fd, p, len),
        (false, false) => Posix.pread(fd, p, len, offset),
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
