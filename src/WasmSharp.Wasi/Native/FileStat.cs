namespace WasmSharp.Wasi.Native;

/// <summary>WASI's <c>filestat</c> as read from Linux <c>statx</c>; times in nanoseconds since the epoch.</summary>
internal readonly record struct FileStat(ulong Dev, ulong Ino, Filetype Filetype, ulong Nlink, ulong Size,
    ulong Atim, ulong Mtim, ulong Ctim)
{
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Stats <paramref name="name"/> in <paramref name="dirfd"/>, following a final symlink only when asked.</summary>
    public static unsafe FileStat At(int dirfd, string name, bool follow)
    {
        // struct statx is 256 bytes with the same layout on every Linux architecture
        byte* buf = stackalloc byte[256];
        int rc = Posix.statx(dirfd, name, follow ? 0 : Posix.AT_SYMLINK_NOFOLLOW, StatxBasicStats, buf);
        WasiErrnoException.ThrowIfFailed(rc);
        return Decode(buf);
    }

    /// <summary>Stats an open descriptor.</summary>
    public static unsafe FileStat Of(int fd)
    {
        byte* buf = stackalloc byte[256];
        int rc = Posix.statx(fd, "", Posix.AT_EMPTY_PATH, StatxBasicStats, buf);
        WasiErrnoException.ThrowIfFailed(rc);
        return Decode(buf);
    }

    private static unsafe FileStat Decode(byte* b)
    {
        uint nlink = *(uint*)(b + 16);
        ushort mode = *(ushort*)(b + 28);
        ulong ino = *(ulong*)(b + 32), size = *(ulong*)(b + 40);
        uint devMajor = *(uint*)(b + 136), devMinor = *(uint*)(b + 140);
        return new FileStat(Makedev(devMajor, devMinor), ino, TypeOfMode(mode), nlink, size,
            Time(b + 64), Time(b + 112), Time(b + 96));
    }

    // statx_timestamp: s64 seconds, u32 nanoseconds; WASI's timestamps are unsigned, so times before 1970 read as 0
    private static unsafe ulong Time(byte* ts) => (ulong)Math.Max(0, *(long*)ts * 1_000_000_000L + *(uint*)(ts + 8));

    // glibc's makedev encoding, so numbers match what stat(2) reports
    private static ulong Makedev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
        ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    public static Filetype TypeOfMode(uint mode) => (mode & 0xF000) switch
    {
        0x4000 => Filetype.Directory,
        0x8000 => Filetype.RegularFile,
        0xA000 => Filetype.SymbolicLink,
        0x2000 => Filetype.CharacterDevice,
        0x6000 => Filetype.BlockDevice,
        0xC000 => Filetype.SocketStream,
        _ => Filetype.Unknown,
    };
}
