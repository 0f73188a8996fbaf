using System.Runtime.InteropServices;

namespace WasmSharp.Wasi.Native;

/// <summary>One directory entry as <c>fd_readdir</c> reports it.</summary>
internal readonly record struct DirEntry(byte[] Name, ulong Ino, Filetype Type);

/// <summary>Lists a directory through a fresh descriptor of its own, so listing never moves any other
/// descriptor's position. Order is fixed ("." and ".." first, then by name) so cookies stay meaningful between
/// calls while the directory does not change.</summary>
internal static class DirectoryReader
{
    public static unsafe List<DirEntry> List(int dirFd)
    {
        var fd = HostFd.OpenAt(dirFd, ".", Posix.O_RDONLY | Posix.O_DIRECTORY);
        nint dir = Posix.fdopendir(fd.Fd);
        if (dir == 0)
        {
            var e = WasiErrnoException.FromLastError();
            fd.Dispose();
            throw e;
        }
        fd.SetHandleAsInvalid(); // closedir owns it now
        var entries = new List<DirEntry>();
        try
        {
            byte* ent;
            while ((ent = Posix.readdir(dir)) != null)
            {
                // struct dirent64: d_ino u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_name @19
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(ent + 19).ToArray();
                var type = TypeOfDirent(ent[18]) ?? TypeByStat(dirFd, name);
                entries.Add(new DirEntry(name, *(ulong*)ent, type));
            }
        }
        finally
        {
            Posix.closedir(dir);
        }
        entries.Sort(Compare);
        return entries;
    }

    private static int Compare(DirEntry a, DirEntry b) =>
        Rank(a.Name) != Rank(b.Name) ? Rank(a.Name).CompareTo(Rank(b.Name)) : a.Name.AsSpan().SequenceCompareTo(b.Name);

    private static int Rank(byte[] name) => name is [(byte)'.'] ? 0 : name is [(byte)'.', (byte)'.'] ? 1 : 2;

    private static Filetype? TypeOfDirent(byte dtype) => dtype switch
    {
        4 => Filetype.Directory,
        8 => Filetype.RegularFile,
        10 => Filetype.SymbolicLink,
        2 => Filetype.CharacterDevice,
        6 => Filetype.BlockDevice,
        12 => Filetype.SocketStream,
        1 => Filetype.Unknown,
        _ => null,
    };

    private static Filetype TypeByStat(int dirFd, byte[] name)
    {
        try
        {
            return FileStat.At(dirFd, System.Text.Encoding.UTF8.GetString(name), follow: false).Filetype;
        }
        catch (WasiErrnoException)
        {
            return Filetype.Unknown;
        }
    }
}
