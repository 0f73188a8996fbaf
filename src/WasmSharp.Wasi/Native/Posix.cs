using System.Runtime.InteropServices;

namespace WasmSharp.Wasi.Native;

/// <summary>
/// The Linux calls WASI's file system needs. Everything is relative to a directory descriptor (<c>*at</c> calls),
/// so that a path can be walked one component at a time without the kernel following a symlink out of the sandbox.
/// Constants are Linux's (x86-64 and AArch64; the few that differ are picked at start).
/// </summary>
internal static unsafe partial class Posix
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
        O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_DSYNC = 0x1000, O_SYNC = 0x101000,
        O_CLOEXEC = 0x80000, O_PATH = 0x200000, O_ACCMODE = 3;

    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    public static readonly int O_DIRECTORY = Arm64 ? 0x4000 : 0x10000;
    public static readonly int O_NOFOLLOW = Arm64 ? 0x8000 : 0x20000;

    public const int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_SYMLINK_FOLLOW = 0x400, AT_EMPTY_PATH = 0x1000;
    public const int F_GETFL = 3, F_SETFL = 4;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    public const int EINTR = 4, EINVAL = 22, ENOENT = 2, ENOTDIR = 20;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Sec;
        public long Nsec;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirfd, string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup(int fd);

    /// <summary>1 when <paramref name="fd"/> is a terminal.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int isatty(int fd);

    [StructLayout(LayoutKind.Sequential)]
    public struct Iovec
    {
        public byte* Base;
        public nuint Len;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readv(int fd, Iovec* iov, int iovcnt);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint writev(int fd, Iovec* iov, int iovcnt);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint preadv(int fd, Iovec* iov, int iovcnt, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pwritev(int fd, Iovec* iov, int iovcnt, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    /// <summary>Returns an errno value itself (does not set errno).</summary>
    [LibraryImport("libc")]
    public static partial int posix_fallocate(int fd, long offset, long len);

    /// <summary>Returns an errno value itself (does not set errno).</summary>
    [LibraryImport("libc")]
    public static partial int posix_fadvise(int fd, long offset, long len, int advice);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, byte* buf);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(int dirfd, string path, int mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int renameat(int olddirfd, string oldpath, int newdirfd, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int linkat(int olddirfd, string oldpath, int newdirfd, string newpath, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int symlinkat(string target, int newdirfd, string linkpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint readlinkat(int dirfd, string path, byte* buf, nuint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int utimensat(int dirfd, string path, Timespec* times, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int futimens(int fd, Timespec* times);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint fdopendir(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* readdir(nint dir);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int closedir(nint dir);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int clock_gettime(int clock, Timespec* ts);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int clock_getres(int clock, Timespec* ts);

    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeoutMs);

    public static int LastErrno => Marshal.GetLastPInvokeError();
}
