using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    internal Errno PathCreateDirectory(int fd, uint pathPtr, uint pathLen) => OperatingSystem.IsWindows() ? WinCreateDirectory(fd, pathPtr, pathLen) : Guard(() =>
    {
        using var r = ResolveIn(fd, Rights.PathCreateDirectory, pathPtr, pathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.mkdirat(r.DirFd, r.KernelName, 0x1FF /* 0777, less the umask */));
    });

    internal Errno PathRemoveDirectory(int fd, uint pathPtr, uint pathLen) => OperatingSystem.IsWindows() ? WinRemoveDirectory(fd, pathPtr, pathLen) : Guard(() =>
    {
        using var r = ResolveIn(fd, Rights.PathRemoveDirectory, pathPtr, pathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.unlinkat(r.DirFd, r.KernelName, Posix.AT_REMOVEDIR));
    });

    internal Errno PathUnlinkFile(int fd, uint pathPtr, uint pathLen) => OperatingSystem.IsWindows() ? WinUnlinkFile(fd, pathPtr, pathLen) : Guard(() =>
    {
        using var r = ResolveIn(fd, Rights.PathUnlinkFile, pathPtr, pathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.unlinkat(r.DirFd, r.KernelName, 0));
    });

    internal Errno PathFilestatGet(int fd, uint flags, uint pathPtr, uint pathLen, uint statPtr, bool unstableLayout = false) =>
        OperatingSystem.IsWindows() ? WinPathFilestatGet(fd, flags, pathPtr, pathLen, statPtr, unstableLayout) : Guard(() =>
    {
        using var r = ResolveIn(fd, Rights.PathFilestatGet, pathPtr, pathLen, Follows(flags), slashFollows: true);
        var stat = FileStat.At(r.DirFd, r.Name, follow: false);
        if (r.TrailingSlash && stat.Filetype != Filetype.Directory) throw new WasiErrnoException(Errno.NotDir);
        WriteFilestat(statPtr, stat, unstableLayout);
    });

    internal Errno PathFilestatSetTimes(int fd, uint flags, uint pathPtr, uint pathLen, ulong atim, ulong mtim, uint fstflags) =>
        OperatingSystem.IsWindows() ? WinPathSetTimes(fd, flags, pathPtr, pathLen, atim, mtim, fstflags) : Guard(() =>
    {
        var times = Timestamps.ToUtimens(atim, mtim, fstflags);
        using var r = ResolveIn(fd, Rights.PathFilestatSetTimes, pathPtr, pathLen, Follows(flags), slashFollows: true);
        if (r.TrailingSlash && FileStat.At(r.DirFd, r.Name, follow: false).Filetype != Filetype.Directory)
            throw new WasiErrnoException(Errno.NotDir);
        SetTimesAt(r, times);
    });

    private static unsafe void SetTimesAt(ResolvedPath r, Posix.Timespec[] times)
    {
        fixed (Posix.Timespec* t = times)
            WasiErrnoException.ThrowIfFailed(Posix.utimensat(r.DirFd, r.Name, t, Posix.AT_SYMLINK_NOFOLLOW));
    }

    internal Errno PathLink(int oldFd, uint oldFlags, uint oldPathPtr, uint oldPathLen, int newFd, uint newPathPtr, uint newPathLen) =>
        OperatingSystem.IsWindows() ? WinLink(oldFd, oldFlags, oldPathPtr, oldPathLen, newFd, newPathPtr, newPathLen) : Guard(() =>
    {
        using var from = ResolveIn(oldFd, Rights.PathLinkSource, oldPathPtr, oldPathLen, Follows(oldFlags));
        using var to = ResolveIn(newFd, Rights.PathLinkTarget, newPathPtr, newPathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.linkat(from.DirFd, from.KernelName, to.DirFd, to.KernelName, 0));
    });

    internal Errno PathRename(int fd, uint oldPathPtr, uint oldPathLen, int newFd, uint newPathPtr, uint newPathLen) =>
        OperatingSystem.IsWindows() ? WinRename(fd, oldPathPtr, oldPathLen, newFd, newPathPtr, newPathLen) : Guard(() =>
    {
        using var from = ResolveIn(fd, Rights.PathRenameSource, oldPathPtr, oldPathLen, follow: false);
        using var to = ResolveIn(newFd, Rights.PathRenameTarget, newPathPtr, newPathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.renameat(from.DirFd, from.KernelName, to.DirFd, to.KernelName));
    });

    /// <summary>The link's text is stored as given; an absolute target is refused, since it could never be
    /// followed inside the sandbox. A relative target that climbs out is caught whenever it is followed.</summary>
    internal Errno PathSymlink(uint oldPathPtr, uint oldPathLen, int fd, uint newPathPtr, uint newPathLen) =>
        OperatingSystem.IsWindows() ? WinSymlink(oldPathPtr, oldPathLen, fd, newPathPtr, newPathLen) : Guard(() =>
    {
        string target = Mem.ReadString(oldPathPtr, oldPathLen);
        if (target.Contains('\0')) throw new WasiErrnoException(Errno.Inval);
        if (target.StartsWith('/')) throw new WasiErrnoException(Errno.NotCapable);
        using var r = ResolveIn(fd, Rights.PathSymlink, newPathPtr, newPathLen, follow: false);
        WasiErrnoException.ThrowIfFailed(Posix.symlinkat(target, r.DirFd, r.KernelName));
    });

    /// <summary>Copies the link's text (no NUL), cut to the buffer when it is longer.</summary>
    internal Errno PathReadlink(int fd, uint pathPtr, uint pathLen, uint bufPtr, uint bufLen, uint bufUsedPtr) =>
        OperatingSystem.IsWindows() ? WinReadlink(fd, pathPtr, pathLen, bufPtr, bufLen, bufUsedPtr) : Guard(() =>
    {
        using var r = ResolveIn(fd, Rights.PathReadlink, pathPtr, pathLen, follow: false);
        var target = ReadLinkExact(r);
        int n = Math.Min(target.Length, (int)Math.Min(bufLen, int.MaxValue));
        target.AsSpan(0, n).CopyTo(Mem.Span(bufPtr, (uint)n));
        Mem.WriteU32(bufUsedPtr, (uint)n);
    });

    private static unsafe byte[] ReadLinkExact(ResolvedPath r)
    {
        for (int size = 256; ; size *= 2)
        {
            var buf = new byte[size];
            nint n;
            fixed (byte* p = buf) n = Posix.readlinkat(r.DirFd, r.Name, p, (nuint)size);
            WasiErrnoException.ThrowIfFailed(n);
            if (n < size) return buf[..(int)n];
        }
    }

    internal static bool Follows(uint lookupflags) => (lookupflags & (uint)Lookupflags.SymlinkFollow) != 0;

    /// <summary>Checks that <paramref name="fd"/> is a directory holding <paramref name="needed"/>, reads the guest
    /// path and resolves it inside that directory.</summary>
    private ResolvedPath ResolveIn(int fd, Rights needed, uint pathPtr, uint pathLen, bool follow, bool slashFollows = false)
    {
        var dir = Dir(fd, needed);
        string path = Mem.ReadString(pathPtr, pathLen);
        return PathResolver.Resolve(dir.Fd, path, follow || (slashFollows && path.EndsWith('/')));
    }
}
