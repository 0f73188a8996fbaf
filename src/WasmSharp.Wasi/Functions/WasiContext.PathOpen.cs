using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    // the rights wasi-libc asks for when it means "open for reading" / "open for writing"
    private const Rights ReadRights = Rights.FdRead | Rights.FdReaddir;
    private const Rights WriteRights = Rights.FdWrite | Rights.FdDatasync | Rights.FdAllocate | Rights.FdFilestatSetSize;

    internal Errno PathOpen(int dirFd, uint dirflags, uint pathPtr, uint pathLen, uint oflags, ulong rightsBase,
        ulong rightsInheriting, uint fdflags, uint openedFdPtr) => OperatingSystem.IsWindows()
        ? WinPathOpen(dirFd, dirflags, pathPtr, pathLen, oflags, rightsBase, rightsInheriting, fdflags, openedFdPtr) : Guard(() =>
    {
        var dir = Dir(dirFd, Rights.PathOpen);
        if (oflags > 0xF || fdflags > 0x1F) throw new WasiErrnoException(Errno.Inval);
        var o = (Oflags)oflags;
        var f = (Fdflags)fdflags;
        if (o.HasFlag(Oflags.Creat)) dir.Require(Rights.PathCreateFile);
        if (o.HasFlag(Oflags.Trunc)) dir.Require(Rights.PathFilestatSetSize);
        string path = Mem.ReadString(pathPtr, pathLen);
        Mem.Span(openedFdPtr, 4);

        using var r = PathResolver.Resolve(dir.Fd, path, Follows(dirflags) || path.EndsWith('/'));
        var handle = Open(r, o, f, (Rights)rightsBase);
        var type = FileStat.Of(handle.Fd).Filetype;
        var mask = dir.Inheriting & (type == Filetype.Directory ? RightSets.Directory : RightSets.RegularFile);
        var entry = new HostDescriptor(handle, type, (Rights)rightsBase & mask, (Rights)rightsInheriting & dir.Inheriting);
        Mem.WriteU32(openedFdPtr, (uint)_fds.Add(entry));
    });

    /// <summary>Opens the resolved name with <c>O_NOFOLLOW</c> always: any symlink that should be followed was
    /// expanded by the resolver, and one that appears later must not be.</summary>
    private static HostFd Open(ResolvedPath r, Oflags o, Fdflags f, Rights requested)
    {
        int flags = Posix.O_NOFOLLOW | Posix.O_NOCTTY;
        bool directory = o.HasFlag(Oflags.Directory) || r.TrailingSlash;
        if (directory) flags |= Posix.O_DIRECTORY;
        if (o.HasFlag(Oflags.Creat)) flags |= Posix.O_CREAT;
        if (o.HasFlag(Oflags.Excl)) flags |= Posix.O_EXCL;
        if (o.HasFlag(Oflags.Trunc)) flags |= Posix.O_TRUNC;
        if (f.HasFlag(Fdflags.Append)) flags |= Posix.O_APPEND;
        if (f.HasFlag(Fdflags.Nonblock)) flags |= Posix.O_NONBLOCK;
        if (f.HasFlag(Fdflags.Dsync)) flags |= Posix.O_DSYNC;
        if (f.HasFlag(Fdflags.Sync) || f.HasFlag(Fdflags.Rsync)) flags |= Posix.O_SYNC;

        bool write = (requested & WriteRights) != 0 || f.HasFlag(Fdflags.Append) || o.HasFlag(Oflags.Trunc);
        bool read = (requested & ReadRights) != 0 || !write;
        // write access to a directory is EISDIR from the kernel, as POSIX has it
        int access = read && write ? Posix.O_RDWR : write ? Posix.O_WRONLY : Posix.O_RDONLY;
        return HostFd.OpenAt(r.DirFd, r.Name, flags | access, 0x1B6 /* 0666, less the umask */);
    }
}
