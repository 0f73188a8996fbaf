using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Wasi.Native;

/// <summary>A Linux file descriptor: owned ones are closed exactly once; borrowed ones (the host's own stdio) never.</summary>
internal sealed class HostFd : SafeHandleMinusOneIsInvalid
{
    public HostFd(int fd, bool owned = true) : base(ownsHandle: owned) => SetHandle(fd);

    /// <summary>The raw number for libc calls.</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Posix.close((int)handle) == 0;

    /// <summary>Opens <paramref name="name"/> relative to <paramref name="dirfd"/>; throws the mapped errno.</summary>
    public static HostFd OpenAt(int dirfd, string name, int flags, int mode = 0)
    {
        int fd;
        do fd = Posix.openat(dirfd, name, flags | Posix.O_CLOEXEC, mode);
        while (fd < 0 && Posix.LastErrno == Posix.EINTR);
        WasiErrnoException.ThrowIfFailed(fd);
        return new HostFd(fd);
    }
}
