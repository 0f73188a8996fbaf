using Microsoft.Win32.SafeHandles;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

/// <summary>The path functions on Windows: paths resolve through <see cref="WindowsPathResolver"/>; where Win32 and
/// POSIX disagree on a condition (unlinking a directory, renaming onto one, removing a symlink) it is checked first,
/// so the guest sees the errno Linux would give.</summary>
public sealed partial class WasiContext
{
    private (WindowsDescriptor Dir, WindowsResolvedPath Path) WinResolve(int fd, Rights needed, uint pathPtr, uint pathLen, bool follow, bool slashFollows = false)
    {
        var d = _fds.Get(fd);
        if (d is not WindowsDescriptor { IsDirectory: true } dir) throw new WasiErrnoException(Errno.NotDir);
        dir.Require(needed);
        string path = Mem.ReadString(pathPtr, pathLen);
        var r = WindowsPathResolver.Resolve(dir.CurrentPath, path, follow || (slashFollows && path.EndsWith('/')));
        // the directory the call will act in must still be inside: a link the walk could not see (one made by a
        // Unix host under Wine, or swapped in since) shows in its final path
        if (r.Name != ".")
        {
            using var parent = WindowsFile.OpenAttributes(r.DirPath, write: false);
            WindowsPathResolver.CheckInside(parent, dir.Root);
        }
        return (dir, r);
    }

    /// <summary>What is at a host path, not following it: null when nothing is.</summary>
    private static (bool Directory, bool Link)? WinKind(string host)
    {
        uint attrs = WindowsFile.GetFileAttributes(host);
        if (attrs == WindowsFile.INVALID_FILE_ATTRIBUTES) return null;
        bool link = (attrs & WindowsFile.FILE_ATTRIBUTE_REPARSE_POINT) != 0 && WindowsPathResolver.ReadLink(host) is not null;
        return ((attrs & WindowsFile.FILE_ATTRIBUTE_DIRECTORY) != 0, link);
    }

    private Errno WinPathOpen(int dirFd, uint dirflags, uint pathPtr, uint pathLen, uint oflags, ulong rightsBase,
        ulong rightsInheriting, uint fdflags, uint openedFdPtr) => WinGuard(() =>
    {
        if (oflags > 0xF || fdflags > 0x1F) throw new WasiErrnoException(Errno.Inval);
        var o = (Oflags)oflags;
        var f = (Fdflags)fdflags;
        string guest = Mem.ReadString(pathPtr, pathLen);
        var (dir, r) = WinResolve(dirFd, Rights.PathOpen, pathPtr, pathLen, Follows(dirflags) || guest.EndsWith('/'));
        if (o.HasFlag(Oflags.Creat)) dir.Require(Rights.PathCreateFile);
        if (o.HasFlag(Oflags.Trunc)) dir.Require(Rights.PathFilestatSetSize);
        Mem.Span(openedFdPtr, 4);

        var handle = WinOpen(r, o, f, (Rights)rightsBase);
        try
        {
            WindowsPathResolver.CheckInside(handle, dir.Root);
            var type = WindowsStat.Of(handle).Filetype;
            var mask = dir.Inheriting & (type == Filetype.Directory ? RightSets.Directory : RightSets.RegularFile);
            var entry = new WindowsDescriptor(handle, type, dir.Root, (Rights)rightsBase & mask, (Rights)rightsInheriting & dir.Inheriting)
            {
                Flags = f & (Fdflags.Append | Fdflags.Nonblock | Fdflags.Dsync | Fdflags.Sync),
            };
            if (f.HasFlag(Fdflags.Rsync)) entry.Flags |= Fdflags.Sync;
            Mem.WriteU32(openedFdPtr, (uint)_fds.Add(entry));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    });

    /// <summary>open(2)'s rules over CreateFile: EEXIST before ELOOP for a final symlink (never followed here:
    /// the resolver expanded any that should be), ENOTDIR for O_DIRECTORY on a file, EISDIR for writing a directory.</summary>
    private static SafeFileHandle WinOpen(WindowsResolvedPath r, Oflags o, Fdflags f, Rights requested)
    {
        string host = r.HostPath;
        var kind = WinKind(host);
        bool wantDirectory = o.HasFlag(Oflags.Directory) || r.TrailingSlash;
        bool write = (requested & WriteRights) != 0 || f.HasFlag(Fdflags.Append) || o.HasFlag(Oflags.Trunc);
        bool read = (requested & ReadRights) != 0 || !write;
        if (kind is { } k)
        {
            if (o.HasFlag(Oflags.Creat) && o.HasFlag(Oflags.Excl)) throw new WasiErrnoException(Errno.Exist);
            if (k.Link) throw new WasiErrnoException(wantDirectory ? Errno.NotDir : Errno.Loop);
            if (wantDirectory && !k.Directory) throw new WasiErrnoException(Errno.NotDir);
            if (k.Directory)
            {
                if (write) throw new WasiErrnoException(Errno.IsDir);
                return WindowsFile.Open(host, WindowsFile.FILE_LIST_DIRECTORY | WindowsFile.FILE_READ_ATTRIBUTES | WindowsFile.SYNCHRONIZE,
                    WindowsFile.OPEN_EXISTING, 0);
            }
        }
        else
        {
            if (!o.HasFlag(Oflags.Creat)) throw new WasiErrnoException(Errno.NoEnt);
            if (r.TrailingSlash) throw new WasiErrnoException(Errno.IsDir);
            if (o.HasFlag(Oflags.Directory)) throw new WasiErrnoException(Errno.Inval);
        }
        uint disposition = (o.HasFlag(Oflags.Creat), o.HasFlag(Oflags.Excl), o.HasFlag(Oflags.Trunc)) switch
        {
            (true, true, _) => WindowsFile.CREATE_NEW,
            (true, false, true) => WindowsFile.CREATE_ALWAYS,
            (true, false, false) => WindowsFile.OPEN_ALWAYS,
            (false, _, true) => WindowsFile.TRUNCATE_EXISTING,
            _ => WindowsFile.OPEN_EXISTING,
        };
        uint access = WindowsFile.FILE_READ_ATTRIBUTES | WindowsFile.SYNCHRONIZE | (read ? WindowsFile.GENERIC_READ : 0) |
            (write ? WindowsFile.GENERIC_WRITE : 0);
        uint flags = f.HasFlag(Fdflags.Sync) || f.HasFlag(Fdflags.Dsync) || f.HasFlag(Fdflags.Rsync) ? WindowsFile.FILE_FLAG_WRITE_THROUGH : 0;
        try
        {
            return WindowsFile.Open(host, access | WindowsFile.FILE_WRITE_ATTRIBUTES, disposition, flags);
        }
        catch (WasiErrnoException e) when (e.Errno == Errno.Acces)
        {
            return WindowsFile.Open(host, access, disposition, flags); // a read-only file: times stay unsettable
        }
    }

    private Errno WinCreateDirectory(int fd, uint pathPtr, uint pathLen) => WinGuard(() =>
    {
        var (_, r) = WinResolve(fd, Rights.PathCreateDirectory, pathPtr, pathLen, follow: false);
        if (r.Name == "." || WinKind(r.HostPath) is not null) throw new WasiErrnoException(Errno.Exist);
        WindowsFile.Check(WindowsFile.CreateDirectory(r.HostPath, 0));
    });

    /// <summary>rmdir(2): ENOTDIR for a file or a symlink (even one to a directory), EINVAL for ".".</summary>
    private Errno WinRemoveDirectory(int fd, uint pathPtr, uint pathLen) => WinGuard(() =>
    {
        var (_, r) = WinResolve(fd, Rights.PathRemoveDirectory, pathPtr, pathLen, follow: false);
        if (r.Name == ".") throw new WasiErrnoException(Errno.Inval);
        var kind = WinKind(r.HostPath) ?? throw new WasiErrnoException(Errno.NoEnt);
        if (!kind.Directory || kind.Link) throw new WasiErrnoException(Errno.NotDir);
        WindowsFile.Check(WindowsFile.RemoveDirectory(r.HostPath));
    });

    /// <summary>unlink(2): EISDIR for a directory, ENOTDIR for "file/"; a symlink goes (Windows keeps directory
    /// symlinks as directories, removed with RemoveDirectory), never what it points to.</summary>
    private Errno WinUnlinkFile(int fd, uint pathPtr, uint pathLen) => WinGuard(() =>
    {
        var (_, r) = WinResolve(fd, Rights.PathUnlinkFile, pathPtr, pathLen, follow: false);
        if (r.Name == ".") throw new WasiErrnoException(Errno.IsDir);
        var kind = WinKind(r.HostPath) ?? throw new WasiErrnoException(Errno.NoEnt);
        if (kind.Directory && !kind.Link) throw new WasiErrnoException(Errno.IsDir);
        if (r.TrailingSlash) throw new WasiErrnoException(Errno.NotDir);
        WindowsFile.Check(kind.Directory ? WindowsFile.RemoveDirectory(r.HostPath) : WindowsFile.DeleteFile(r.HostPath));
    });

    private Errno WinPathFilestatGet(int fd, uint flags, uint pathPtr, uint pathLen, uint statPtr, bool unstableLayout) => WinGuard(() =>
    {
        var (dir, r) = WinResolve(fd, Rights.PathFilestatGet, pathPtr, pathLen, Follows(flags), slashFollows: true);
        using var h = WindowsFile.OpenAttributes(r.HostPath, write: false);
        WindowsPathResolver.CheckInside(h, dir.Root);
        var stat = WindowsStat.Of(h);
        if (r.TrailingSlash && stat.Filetype != Filetype.Directory) throw new WasiErrnoException(Errno.NotDir);
        WriteFilestat(statPtr, stat, unstableLayout);
    });

    private Errno WinPathSetTimes(int fd, uint flags, uint pathPtr, uint pathLen, ulong atim, ulong mtim, uint fstflags) => WinGuard(() =>
    {
        var times = Timestamps.ToUtimens(atim, mtim, fstflags);
        var (dir, r) = WinResolve(fd, Rights.PathFilestatSetTimes, pathPtr, pathLen, Follows(flags), slashFollows: true);
        using var h = WindowsFile.OpenAttributes(r.HostPath, write: true);
        WindowsPathResolver.CheckInside(h, dir.Root);
        if (r.TrailingSlash && WindowsStat.Of(h).Filetype != Filetype.Directory) throw new WasiErrnoException(Errno.NotDir);
        WindowsStat.SetTimes(h, times);
    });

    /// <summary>link(2): EPERM for a directory, EEXIST when the new name is taken, ENOTDIR for "file/" and ENOENT
    /// for a new name with a trailing slash.</summary>
    private Errno WinLink(int oldFd, uint oldFlags, uint oldPathPtr, uint oldPathLen, int newFd, uint newPathPtr, uint newPathLen) => WinGuard(() =>
    {
        var (_, from) = WinResolve(oldFd, Rights.PathLinkSource, oldPathPtr, oldPathLen, Follows(oldFlags));
        var (_, to) = WinResolve(newFd, Rights.PathLinkTarget, newPathPtr, newPathLen, follow: false);
        var kind = WinKind(from.HostPath) ?? throw new WasiErrnoException(Errno.NoEnt);
        if (WinKind(to.HostPath) is not null || to.Name == ".") throw new WasiErrnoException(Errno.Exist);
        if (kind.Directory) throw new WasiErrnoException(Errno.Perm);
        if (from.TrailingSlash) throw new WasiErrnoException(Errno.NotDir);
        if (to.TrailingSlash) throw new WasiErrnoException(Errno.NoEnt); // linkat(2) on "new/": no such directory
        WindowsFile.Check(WindowsFile.CreateHardLink(to.HostPath, from.HostPath, 0));
    });

    /// <summary>rename(2) over MoveFileEx: a directory may replace only an empty directory (removed first), a file
    /// only a file; a directory cannot move below itself.</summary>
    private Errno WinRename(int fd, uint oldPathPtr, uint oldPathLen, int newFd, uint newPathPtr, uint newPathLen) => WinGuard(() =>
    {
        var (_, from) = WinResolve(fd, Rights.PathRenameSource, oldPathPtr, oldPathLen, follow: false);
        var (_, to) = WinResolve(newFd, Rights.PathRenameTarget, newPathPtr, newPathLen, follow: false);
        if (from.Name == "." || to.Name == ".") throw new WasiErrnoException(Errno.Busy);
        var src = WinKind(from.HostPath) ?? throw new WasiErrnoException(Errno.NoEnt);
        bool srcDir = src.Directory && !src.Link;
        var dst = WinKind(to.HostPath);
        if (!srcDir && (from.TrailingSlash || to.TrailingSlash)) throw new WasiErrnoException(Errno.NotDir);
        if (from.HostPath == to.HostPath) return;
        if (string.Equals(from.HostPath, to.HostPath, StringComparison.OrdinalIgnoreCase))
        {
            // the same entry spelt in another case: only its case changes (the "existing" target is the source)
            WindowsFile.Check(WindowsFile.MoveFileEx(from.HostPath, to.HostPath, 0));
            return;
        }
        if (to.HostPath.StartsWith(from.HostPath + "\\", StringComparison.OrdinalIgnoreCase)) throw new WasiErrnoException(Errno.Inval);
        if (dst is { } d)
        {
            bool dstDir = d.Directory && !d.Link;
            if (srcDir && !dstDir) throw new WasiErrnoException(Errno.NotDir);
            if (!srcDir && dstDir) throw new WasiErrnoException(Errno.IsDir);
            if (dstDir) WindowsFile.Check(WindowsFile.RemoveDirectory(to.HostPath)); // ENOTEMPTY when it is not empty
            else if (d.Directory) WindowsFile.Check(WindowsFile.RemoveDirectory(to.HostPath)); // a directory symlink
        }
        WindowsFile.Check(WindowsFile.MoveFileEx(from.HostPath, to.HostPath, WindowsFile.MOVEFILE_REPLACE_EXISTING));
    });

    /// <summary>The link is stored with "\" separators, as Windows reads links; a target that is absolute or that
    /// Windows would read as another root (a drive, a "\") is refused. Windows needs to know whether the target is a
    /// directory: it is looked up beside the link, inside the sandbox only.</summary>
    private Errno WinSymlink(uint oldPathPtr, uint oldPathLen, int fd, uint newPathPtr, uint newPathLen) => WinGuard(() =>
    {
        string target = Mem.ReadString(oldPathPtr, oldPathLen);
        if (target.Contains('\0')) throw new WasiErrnoException(Errno.Inval);
        if (target.StartsWith('/') || target.Contains('\\') || target.Contains(':')) throw new WasiErrnoException(Errno.NotCapable);
        var (dir, r) = WinResolve(fd, Rights.PathSymlink, newPathPtr, newPathLen, follow: false);
        if (r.Name == "." || WinKind(r.HostPath) is not null) throw new WasiErrnoException(Errno.Exist);
        if (r.TrailingSlash) throw new WasiErrnoException(Errno.NoEnt);
        uint flags = WindowsFile.SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE;
        if (TargetIsDirectory(dir, r, target)) flags |= WindowsFile.SYMBOLIC_LINK_FLAG_DIRECTORY;
        WindowsFile.Check(WindowsFile.CreateSymbolicLink(r.HostPath, target.Replace('/', '\\'), flags));
        // some Windows layers (Wine 8) report success without making a link: say so rather than pretend
        if (WinKind(r.HostPath) is not { Link: true }) throw new WasiErrnoException(Errno.NotSup);
    });

    private static bool TargetIsDirectory(WindowsDescriptor dir, WindowsResolvedPath link, string target)
    {
        try
        {
            string rel = Path.GetRelativePath(dir.CurrentPath, link.DirPath);
            var t = WindowsPathResolver.Resolve(dir.CurrentPath, (rel == "." ? "" : rel.Replace('\\', '/') + "/") + target, followFinal: true);
            return WinKind(t.HostPath) is { Directory: true };
        }
        catch (WasiErrnoException)
        {
            return false; // dangling or outside: a file link, which is what following it will find anyway
        }
    }

    private Errno WinReadlink(int fd, uint pathPtr, uint pathLen, uint bufPtr, uint bufLen, uint bufUsedPtr) => WinGuard(() =>
    {
        var (_, r) = WinResolve(fd, Rights.PathReadlink, pathPtr, pathLen, follow: false);
        if (WinKind(r.HostPath) is null) throw new WasiErrnoException(Errno.NoEnt);
        var target = System.Text.Encoding.UTF8.GetBytes(WindowsPathResolver.ReadLink(r.HostPath) ?? throw new WasiErrnoException(Errno.Inval));
        int n = Math.Min(target.Length, (int)Math.Min(bufLen, int.MaxValue));
        target.AsSpan(0, n).CopyTo(Mem.Span(bufPtr, (uint)n));
        Mem.WriteU32(bufUsedPtr, (uint)n);
    });
}
