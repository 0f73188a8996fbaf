using Microsoft.Win32.SafeHandles;
using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

/// <summary>Sizes, permissions and times of files in the mapped directories. Path calls open the resolved name
/// with O_NOFOLLOW and work on that descriptor, so a name swapped for a symlink meanwhile fails instead of
/// reaching outside.</summary>
internal sealed partial class EmscriptenEnv
{
    private const int UtimeNow = (1 << 30) - 1, UtimeOmit = (1 << 30) - 2;

    private int Truncate(uint pathPtr, long length)
    {
        using var fd = OpenResolved(At(AtFdcwd, pathPtr), Rights.PathFilestatSetSize, Posix.O_WRONLY);
        WasiErrnoException.ThrowIfFailed(Posix.ftruncate(fd.Fd, length));
        return 0;
    }

    private int Ftruncate(int fd, long length)
    {
        var h = HostEntry(fd, Rights.FdFilestatSetSize);
        WasiErrnoException.ThrowIfFailed(Posix.ftruncate(h.Fd, length));
        return 0;
    }

    private int Chmod(uint pathPtr, int mode)
    {
        using var fd = OpenResolved(At(AtFdcwd, pathPtr), Rights.PathFilestatSetTimes, Posix.O_RDONLY | Posix.O_NONBLOCK);
        return SetMode(fd.Fd, mode);
    }

    private int Fchmod(int fd, int mode)
    {
        var h = HostEntry(fd, Rights.FdFilestatSetTimes);
        return SetMode(h.Fd, mode);
    }

    private static int SetMode(int fd, int mode)
    {
        // the WASI context this runs on exists only on Linux
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException();
        File.SetUnixFileMode(Handle(fd), (UnixFileMode)(mode & 0xFFF));
        return 0;
    }

    /// <summary>utimensat with the glue's layout: two {32-bit seconds, nanoseconds}; no array means now.</summary>
    private int Utimensat(int dirfd, uint pathPtr, uint times)
    {
        using var fd = OpenResolved(At(dirfd, pathPtr, allowEmpty: true), Rights.PathFilestatSetTimes, Posix.O_RDONLY | Posix.O_NONBLOCK);
        var handle = Handle(fd.Fd);
        if (TimeOf(times) is { } atime) File.SetLastAccessTimeUtc(handle, atime);
        if (TimeOf(times == 0 ? 0 : times + 8) is { } mtime) File.SetLastWriteTimeUtc(handle, mtime);
        return 0;
    }

    private DateTime? TimeOf(uint ts)
    {
        if (ts == 0) return DateTime.UtcNow;
        int nsec = I32(ts + 4);
        if (nsec == UtimeOmit) return null;
        if (nsec == UtimeNow) return DateTime.UtcNow;
        return DateTime.UnixEpoch.AddSeconds(I32(ts)).AddTicks(nsec / 100);
    }

    private int Fdatasync(int fd)
    {
        if (Wasi.Fds.Get(fd) is HostDescriptor h) WasiErrnoException.ThrowIfFailed(Posix.fdatasync(h.Fd));
        return 0;
    }

    /// <summary>Resolves <paramref name="abs"/> (following symlinks inside the mapping) and opens the result.</summary>
    private HostFd OpenResolved(string abs, Rights needed, int access)
    {
        using var r = Resolve(abs, needed, follow: true);
        return HostFd.OpenAt(r.DirFd, r.Name, access | Posix.O_NOFOLLOW | Posix.O_NOCTTY);
    }

    private HostDescriptor HostEntry(int fd, Rights needed)
    {
        var d = Wasi.Fds.Get(fd);
        d.Require(needed);
        return d as HostDescriptor ?? throw new WasiErrnoException(Errno.Inval);
    }

    /// <summary>A borrowed view of a host descriptor for .NET's file APIs; it never closes it.</summary>
    private static SafeFileHandle Handle(int fd) => new(fd, ownsHandle: false);
}
