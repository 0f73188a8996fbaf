using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

/// <summary>dup, dup3, fchdir and poll on the guest's descriptor table.</summary>
internal sealed partial class EmscriptenEnv
{
    private const short PollIn = 1, PollOut = 4, PollErr = 8, PollHup = 16, PollNval = 32;

    private int Dup(int fd)
    {
        int copy = Wasi.Fds.Add(Duplicate(fd));
        CopyState(fd, copy);
        return copy;
    }

    /// <summary>dup3: <paramref name="target"/> is closed first; the same number twice is EINVAL, as the glue has it.</summary>
    private int Dup3(int fd, int target, int flags)
    {
        if (fd == target || target < 0) return -(int)Errno.Inval;
        var d = Duplicate(fd);
        if (Wasi.Fds.Contains(target))
        {
            Wasi.Fds.Close(target);
            Paths.Forget(target);
            _openFlags.Remove(target);
        }
        Wasi.Fds.Set(target, d);
        CopyState(fd, target);
        return target;
    }

    /// <summary>A second entry for the same open file: a host dup(2) shares the offset, as POSIX requires.</summary>
    private Descriptor Duplicate(int fd) => Wasi.Fds.Get(fd) switch
    {
        HostDescriptor h => new HostDescriptor(Dup(h.Handle), h.Filetype, h.Base, h.Inheriting),
        StreamDescriptor s => new StreamDescriptor(s.Stream, s.Readable, ownsStream: false, s.Filetype) { Base = s.Base, Inheriting = s.Inheriting },
        _ => throw new WasiErrnoException(Errno.Badf),
    };

    private static HostFd Dup(HostFd handle)
    {
        int fd = Posix.dup(handle.Fd);
        WasiErrnoException.ThrowIfFailed(fd);
        return new HostFd(fd);
    }

    private void CopyState(int from, int to)
    {
        if (_openFlags.TryGetValue(from, out int flags)) _openFlags[to] = flags;
        if (Paths.TryPathOf(from) is { } path) Paths.Remember(to, path);
    }

    private int Fchdir(int fd)
    {
        if (Wasi.Fds.Get(fd) is not HostDescriptor { IsDirectory: true }) throw new WasiErrnoException(Errno.NotDir);
        Paths.Cwd = Paths.PathOf(fd);
        return 0;
    }

    /// <summary>The glue's poll: never waits; every open descriptor is ready for reading and writing.</summary>
    private int Poll(uint fds, int count)
    {
        int ready = 0;
        for (uint i = 0; i < count; i++)
        {
            uint p = fds + i * 8;
            short events = (short)Mem.ReadU16(p + 4);
            short mask = Wasi.Fds.Contains(I32(p)) ? (short)(PollIn | PollOut) : PollNval;
            mask &= (short)(events | PollErr | PollHup);
            if (mask != 0) ready++;
            Mem.WriteU16(p + 6, (ushort)mask);
        }
        return ready;
    }
}
