using System.Text;
using WasmSharp.Wasi.Descriptors;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>prestat: tag u8 (0 = dir) at 0, name length u32 at 4. EBADF for anything not pre-opened, which is
    /// how guests find the end of the pre-opens.</summary>
    internal Errno FdPrestatGet(int fd, uint prestatPtr) => Guard(() =>
    {
        var name = PreopenName(fd);
        Mem.Span(prestatPtr, 8).Clear();
        Mem.WriteU32(prestatPtr + 4, (uint)name.Length);
    });

    internal Errno FdPrestatDirName(int fd, uint pathPtr, uint pathLen) => Guard(() =>
    {
        var name = PreopenName(fd);
        if (pathLen < name.Length) throw new WasiErrnoException(Errno.NameTooLong);
        name.CopyTo(Mem.Span(pathPtr, (uint)name.Length));
    });

    private byte[] PreopenName(int fd) => _fds.Get(fd) switch
    {
        HostDescriptor { PreopenName: { } name } => Encoding.UTF8.GetBytes(name),
        WindowsDescriptor { PreopenName: { } name } => Encoding.UTF8.GetBytes(name),
        _ => throw new WasiErrnoException(Errno.Badf),
    };
}
