using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const int StatSize = 88;

    private int Stat(int dirfd, uint pathPtr, uint buf, bool follow, bool allowEmpty)
    {
        if (allowEmpty && dirfd != AtFdcwd && CString(pathPtr).Length == 0) return Fstat(dirfd, buf);
        string abs = At(dirfd, pathPtr, allowEmpty);
        if (Devices.Exists(abs))
        {
            WriteStat(buf, new FileStat(0, 0, Filetype.CharacterDevice, 1, 0, 0, 0, 0), DevicePermissions);
            return 0;
        }
        using var r = Resolve(abs, Rights.PathFilestatGet, follow);
        // O_PATH: stat what the name is now (a symlink itself for lstat) without needing read access
        using var fd = HostFd.OpenAt(r.DirFd, r.Name, Posix.O_PATH | Posix.O_NOFOLLOW);
        var stat = FileStat.Of(fd.Fd);
        // Linux gives every symlink rwxrwxrwx; fstat on a descriptor of the link itself cannot tell
        WriteStat(buf, stat, stat.Filetype == Filetype.SymbolicLink ? 0x1FF : Permissions(fd.Fd));
        return 0;
    }

    private int Fstat(int fd, uint buf)
    {
        var d = Wasi.Fds.Get(fd);
        if (d is HostDescriptor h) WriteStat(buf, FileStat.Of(h.Fd), Permissions(h.Fd));
        else WriteStat(buf, new FileStat(0, (ulong)fd, d.Filetype, 1, 0, 0, 0, 0), DevicePermissions);
        return 0;
    }

    /// <summary>emcc 3.1's struct stat: 32-bit dev, ino, mode, nlink, uid, gid, rdev; 64-bit size; 32-bit
    /// blksize and blocks; three {32-bit seconds, nanoseconds}; then the 64-bit inode.</summary>
    private void WriteStat(uint buf, FileStat s, int permissions)
    {
        var span = Mem.Span(buf, StatSize);
        span.Clear();
        I32(buf, (int)s.Dev);
        I32(buf + 8, (int)s.Ino);
        I32(buf + 12, TypeBits(s.Filetype) | permissions);
        I32(buf + 16, (int)s.Nlink);
        Mem.WriteU64(buf + 40, s.Size);
        I32(buf + 48, 4096);
        I32(buf + 52, (int)((s.Size + 511) / 512));
        Time(buf + 56, s.Atim);
        Time(buf + 64, s.Mtim);
        Time(buf + 72, s.Ctim);
        Mem.WriteU64(buf + 80, s.Ino);
    }

    private void Time(uint at, ulong nanos)
    {
        I32(at, (int)(nanos / 1_000_000_000));
        I32(at + 4, (int)(nanos % 1_000_000_000));
    }

    /// <summary>What emcc's FS gives its devices and the standard streams: rw-rw-rw-.</summary>
    private const int DevicePermissions = 0x1B6;

    private static int Permissions(int fd)
    {
        // the WASI context this runs on exists only on Linux
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException();
        return (int)File.GetUnixFileMode(Handle(fd));
    }

    /// <summary>st_mode's file type bits.</summary>
    private static int TypeBits(Filetype t) => t switch
    {
        Filetype.Directory => 0x4000,
        Filetype.RegularFile => 0x8000,
        Filetype.SymbolicLink => 0xA000,
        Filetype.CharacterDevice => 0x2000,
        Filetype.BlockDevice => 0x6000,
        Filetype.SocketStream or Filetype.SocketDgram => 0xC000,
        _ => 0,
    };
}
