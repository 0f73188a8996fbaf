using System.Text;
using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const int DirentSize = 280, DirentName = 19, MaxName = 255;
    private const int FGetfd = 1, FSetfd = 2, FGetfl = 3, FSetfl = 4, FGetlk = 5, FSetlk = 6, FSetlkw = 7,
        FGetlk64 = 12, FSetlk64 = 13, FSetlkw64 = 14, FUnlck = 2;
    private const int NotTty = 59;

    /// <summary>Fills <paramref name="dirp"/> with 280-byte dirent records, as the glue does, continuing from
    /// where the last call on this descriptor stopped.</summary>
    private int Getdents(int fd, uint dirp, uint count)
    {
        if (Wasi.Fds.Get(fd) is not HostDescriptor { IsDirectory: true } dir) throw new WasiErrnoException(Errno.NotDir);
        dir.Require(Rights.FdReaddir);
        var entries = DirectoryReader.List(dir.Fd);
        int index = Paths.Cursor(fd);
        uint pos = 0;
        for (; index < entries.Count && pos + DirentSize <= count; index++, pos += DirentSize)
            WriteDirent(dirp + pos, entries[index], index);
        Paths.SetCursor(fd, index);
        return (int)pos;
    }

    private void WriteDirent(uint at, DirEntry e, int index)
    {
        var span = Mem.Span(at, DirentSize);
        span.Clear();
        Mem.WriteU64(at, e.Ino);
        Mem.WriteU64(at + 8, (ulong)((index + 1) * DirentSize));
        Mem.WriteU16(at + 16, DirentSize);
        Mem.WriteU8(at + 18, DirentType(e.Type));
        e.Name.AsSpan(0, Math.Min(e.Name.Length, MaxName)).CopyTo(span[DirentName..]);
    }

    private static byte DirentType(Filetype t) => t switch
    {
        Filetype.Directory => 4,
        Filetype.RegularFile => 8,
        Filetype.SymbolicLink => 10,
        Filetype.CharacterDevice => 2,
        Filetype.BlockDevice => 6,
        Filetype.SocketStream or Filetype.SocketDgram => 12,
        _ => 0,
    };

    /// <summary>The glue's fcntl: descriptor flags are accepted and ignored, file status flags are remembered,
    /// locks always succeed (one process), and a lock query answers "unlocked".</summary>
    private int Fcntl(int fd, int cmd, uint varargs)
    {
        Wasi.Fds.Get(fd);
        switch (cmd)
        {
            case FGetfd or FSetfd:
                return 0;
            case FGetfl:
                return _openFlags.TryGetValue(fd, out int flags) ? flags : fd == 0 ? 0 : 1;
            case FSetfl:
                _openFlags[fd] = (_openFlags.GetValueOrDefault(fd) & ~EmAppend & ~EmNonblock) | (I32(varargs) & (EmAppend | EmNonblock));
                return 0;
            case FGetlk or FGetlk64:
                Mem.WriteU16((uint)I32(varargs), FUnlck);
                return 0;
            case FSetlk or FSetlkw or FSetlk64 or FSetlkw64:
                return 0;
            default:
                return -(int)Errno.Inval;
        }
    }

    /// <summary>Terminal ioctls succeed on the standard streams, which the glue always treats as terminals (so
    /// musl line-buffers stdout, as under node), and fail with ENOTTY elsewhere.</summary>
    private int Ioctl(int fd, int op, uint varargs)
    {
        bool tty = Wasi.Fds.Get(fd) is StreamDescriptor && fd <= 2;
        return op switch
        {
            21505 or 21506 or 21507 or 21508 or 21509 or 21510 or 21511 or 21512 or 21523 or 21524 => tty ? 0 : -NotTty,
            21519 when tty => WriteZero(varargs),
            21519 => -NotTty,
            _ => -(int)Errno.Inval,
        };
    }

    private int WriteZero(uint varargs)
    {
        I32((uint)I32(varargs), 0);
        return 0;
    }
}
