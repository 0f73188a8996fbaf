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
            WriteStat(buf, new FileStat(0, 0, Filetype.CharacterDevice, 1, 0, 0, 0, 0));
            return 0;
        }
        using var r = Resolve(abs, Rights.PathFilestatGet, follow);
        WriteStat(buf, FileStat.At(r.DirFd, r.Name, follow: false));
        return 0;
    }

    private int Fstat(int fd, uint buf)
    {
        var s = Wasi.Fds.Get(fd) switch
        {
            HostDescriptor h => FileStat.Of(h.Fd),
            var other => new FileStat(0, (ulong)fd, other.Filetype, 1, 0, 0, 0, 0),
        };
        WriteStat(buf, s);
        return 0;
    }

    /// <summary>emcc 3.1's struct stat: 32-bit dev, ino, mode, nlink, uid, gid, rdev; 64-bit size; 32-bit
    /// blksize and blocks; three {32-bit seconds, nanoseconds}; then the 64-bit inode.</summary>
    private void WriteStat(uint buf, FileStat s)
    {
        var span = Mem.Span(buf, StatSize);
        span.Clear();
        I32(buf, (int)s.Dev);
        I32(buf + 8, (int)s.Ino);
        I32(buf + 12, Mode(s.Filetype));
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

    /// <summary>The file type bits and the permissions emcc's FS gives new nodes (0777 directories, 0666 files).</summary>
    private static int Mode(Filetype t) => t switch
    {
        Filetype.Directory => 0x4000 | 0x1FF,
        Filetype.RegularFile => 0x8000 | 0x1B6,
        Filetype.SymbolicLink => 0xA000 | 0x1FF,
        Filetype.CharacterDevice => 0x2000 | 0x1B6,
        Filetype.BlockDevice => 0x6000 | 0x1B6,
        Filetype.SocketStream or Filetype.SocketDgram => 0xC000 | 0x1B6,
        _ => 0x1B6,
    };
}
