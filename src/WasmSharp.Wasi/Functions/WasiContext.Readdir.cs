using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    private const int DirentSize = 24;

    /// <summary>Fills the buffer with dirent headers (d_next u64, d_ino u64, d_namlen u32, d_type u8) each followed
    /// by its name, starting at entry number <paramref name="cookie"/>. The last entry may be cut short: a full
    /// buffer tells the guest to call again with the last d_next it saw.</summary>
    internal Errno FdReaddir(int fd, uint bufPtr, uint bufLen, ulong cookie, uint bufUsedPtr) => Guard(() =>
    {
        var entries = _fds.Get(fd) is WindowsDescriptor w ? WinList(WinDir(w, Rights.FdReaddir)) : DirectoryReader.List(Dir(fd, Rights.FdReaddir).Fd);
        var buf = Mem.Span(bufPtr, bufLen);
        int used = 0;
        Span<byte> header = stackalloc byte[DirentSize];
        for (ulong i = cookie; i < (ulong)entries.Count && used < buf.Length; i++)
        {
            var e = entries[(int)i];
            header.Clear();
            BitConverter.TryWriteBytes(header, i + 1);
            BitConverter.TryWriteBytes(header[8..], e.Ino);
            BitConverter.TryWriteBytes(header[16..], (uint)e.Name.Length);
            header[20] = (byte)e.Type;
            used += CopyTruncated(header, buf[used..]);
            used += CopyTruncated(e.Name, buf[used..]);
        }
        Mem.WriteU32(bufUsedPtr, (uint)used);
    });

    private static WindowsDescriptor WinDir(WindowsDescriptor w, Rights needed)
    {
        if (!w.IsDirectory) throw new WasiErrnoException(Errno.NotDir);
        w.Require(needed);
        return w;
    }

    private static int CopyTruncated(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int n = Math.Min(src.Length, dst.Length);
        src[..n].CopyTo(dst);
        return n;
    }
}
