using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    // emcc's open flags (musl's generic values); mapped one by one because Linux's differ on AArch64
    private const int EmCreat = 0x40, EmExcl = 0x80, EmTrunc = 0x200, EmAppend = 0x400, EmNonblock = 0x800,
        EmDirectory = 0x10000, EmNofollow = 0x20000, EmAccmode = 3;
    private const int AtSymlinkNofollow = 0x100, AtRemovedir = 0x200, AtEmptyPath = 0x1000;

    private readonly Dictionary<int, int> _openFlags = new();

    /// <summary>The absolute guest path for <paramref name="pathPtr"/> relative to <paramref name="dirfd"/>
    /// (the glue's SYSCALLS.calculateAt).</summary>
    private string At(int dirfd, uint pathPtr, bool allowEmpty = false)
    {
        string path = CString(pathPtr);
        string? dir = dirfd == AtFdcwd ? null : Paths.PathOf(dirfd);
        if (path.Length == 0)
        {
            if (!allowEmpty) throw new WasiErrnoException(Errno.NoEnt);
            return dir ?? Paths.Cwd;
        }
        return Paths.Absolute(path, dir);
    }

    /// <summary>Resolves a guest path inside its pre-open, checking the right the call needs there.</summary>
    private ResolvedPath Resolve(string abs, Rights needed, bool follow)
    {
        var (dir, rel) = Paths.Locate(abs);
        dir.Require(needed);
        return PathResolver.Resolve(dir.Fd, rel, follow || rel.EndsWith('/'));
    }

    private int Open(int dirfd, uint pathPtr, int flags, uint varargs)
    {
        int mode = varargs != 0 ? I32(varargs) : 0;
        string abs = At(dirfd, pathPtr);
        int fd = Devices.Open(abs, Wasi) ?? OpenFile(abs, flags, mode);
        Paths.Remember(fd, abs);
        _openFlags[fd] = flags;
        return fd;
    }

    private int OpenFile(string abs, int flags, int mode)
    {
        var (dir, rel) = Paths.Locate(abs);
        dir.Require(Rights.PathOpen);
        bool changes = (flags & EmAccmode) != 0 || (flags & (EmCreat | EmTrunc)) != 0;
        if (changes && (dir.Inheriting & Rights.FdWrite) == 0) throw new WasiErrnoException(Errno.Rofs);
        if ((flags & EmCreat) != 0) dir.Require(Rights.PathCreateFile);
        using var r = PathResolver.Resolve(dir.Fd, rel, (flags & EmNofollow) == 0 || rel.EndsWith('/'));
        var handle = HostFd.OpenAt(r.DirFd, r.Name, HostFlags(flags, r.TrailingSlash), mode & 0x1FF);
        var type = FileStat.Of(handle.Fd).Filetype;
        var rights = dir.Inheriting & (type == Filetype.Directory ? RightSets.Directory : RightSets.RegularFile);
        return Wasi.Fds.Add(new HostDescriptor(handle, type, rights, dir.Inheriting));
    }

    /// <summary>Linux flags for the final open: never following a symlink the resolver has not already expanded.</summary>
    private static int HostFlags(int flags, bool trailingSlash)
    {
        int host = Posix.O_NOFOLLOW | Posix.O_NOCTTY | (flags & EmAccmode);
        if ((flags & EmCreat) != 0) host |= Posix.O_CREAT;
        if ((flags & EmExcl) != 0) host |= Posix.O_EXCL;
        if ((flags & EmTrunc) != 0) host |= Posix.O_TRUNC;
        if ((flags & EmAppend) != 0) host |= Posix.O_APPEND;
        if ((flags & EmNonblock) != 0) host |= Posix.O_NONBLOCK;
        if ((flags & EmDirectory) != 0 || trailingSlash) host |= Posix.O_DIRECTORY;
        return host;
    }

    private int Mkdir(int dirfd, uint pathPtr, int mode)
    {
        using var r = Resolve(At(dirfd, pathPtr), Rights.PathCreateDirectory, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.mkdirat(r.DirFd, r.KernelName, mode & 0x1FF));
        return 0;
    }

    private int Unlink(int dirfd, uint pathPtr, int flags)
    {
        bool dir = (flags & AtRemovedir) != 0;
        using var r = Resolve(At(dirfd, pathPtr), dir ? Rights.PathRemoveDirectory : Rights.PathUnlinkFile, follow: false);
        if (r.Name == ".") throw new WasiErrnoException(Errno.Busy); // a mapped directory itself stays
        WasiErrnoException.ThrowIfFailed(Posix.unlinkat(r.DirFd, r.KernelName, dir ? Posix.AT_REMOVEDIR : 0));
        return 0;
    }

    private int Rename(int oldDirfd, uint oldPtr, int newDirfd, uint newPtr)
    {
        using var from = Resolve(At(oldDirfd, oldPtr), Rights.PathRenameSource, follow: false);
        using var to = Resolve(At(newDirfd, newPtr), Rights.PathRenameTarget, follow: false);
        if (from.Name == "." || to.Name == ".") throw new WasiErrnoException(Errno.Busy);
        WasiErrnoException.ThrowIfFailed(Posix.renameat(from.DirFd, from.KernelName, to.DirFd, to.KernelName));
        return 0;
    }

    private int Readlink(int dirfd, uint pathPtr, uint buf, uint size)
    {
        using var r = Resolve(At(dirfd, pathPtr), Rights.PathReadlink, follow: false);
        string target = PathResolver.ReadLink(r.DirFd, r.Name) ?? throw new WasiErrnoException(Errno.Inval);
        var bytes = System.Text.Encoding.UTF8.GetBytes(target);
        int n = (int)Math.Min(size, (uint)bytes.Length);
        bytes.AsSpan(0, n).CopyTo(Mem.Span(buf, (uint)n));
        return n;
    }

    private int Symlink(uint targetPtr, int dirfd, uint linkPtr)
    {
        string target = CString(targetPtr);
        using var r = Resolve(At(dirfd, linkPtr), Rights.PathSymlink, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.symlinkat(target, r.DirFd, r.KernelName));
        return 0;
    }

    private int Chdir(uint pathPtr)
    {
        string abs = At(AtFdcwd, pathPtr);
        using var r = Resolve(abs, Rights.PathFilestatGet, follow: true);
        if (FileStat.At(r.DirFd, r.Name, follow: false).Filetype != Filetype.Directory) throw new WasiErrnoException(Errno.NotDir);
        Paths.Cwd = abs.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
        return 0;
    }

    private int Getcwd(uint buf, uint size)
    {
        if (size == 0) return -(int)Errno.Inval;
        var bytes = System.Text.Encoding.UTF8.GetBytes(Paths.Cwd);
        if (size < bytes.Length + 1) return -(int)Errno.Range;
        var dst = Mem.Span(buf, (uint)bytes.Length + 1);
        bytes.CopyTo(dst);
        dst[bytes.Length] = 0;
        return (int)buf;
    }

    /// <summary>Existence, and write access only where the mapping allows changes (F_OK 0, W_OK 2).</summary>
    private int Access(int dirfd, uint pathPtr, int mode)
    {
        string abs = At(dirfd, pathPtr);
        if (Devices.Exists(abs)) return 0;
        using var r = Resolve(abs, Rights.PathFilestatGet, follow: true);
        FileStat.At(r.DirFd, r.Name, follow: false);
        if ((mode & 2) != 0 && (Paths.Locate(abs).Dir.Inheriting & Rights.FdWrite) == 0) throw new WasiErrnoException(Errno.Rofs);
        return 0;
    }
}
