using System.Text;

namespace WasmSharp.Wasi.Tests;

/// <summary>
/// The calls a guest makes, in the shape of the Rust <c>wasi</c> crate the test suite uses (strings in, errno or
/// value out), so that suite programs can be replayed here step by step without a compiler.
/// </summary>
internal sealed class GuestApi(WasiHarness h)
{
    private const uint Ret = 40, Buf = 20000;

    public const Rights TmpDirBase = Rights.FdFilestatGet | Rights.FdReaddir | Rights.PathCreateFile |
        Rights.PathCreateDirectory | Rights.PathRemoveDirectory | Rights.PathOpen | Rights.PathUnlinkFile |
        Rights.PathLinkSource | Rights.PathLinkTarget | Rights.PathReadlink | Rights.PathRenameSource |
        Rights.PathRenameTarget | Rights.PathFilestatGet | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes |
        Rights.PathSymlink;

    public const Rights TmpDirInheriting = Rights.FdRead | Rights.FdWrite | Rights.FdReaddir | Rights.FdFilestatGet |
        Rights.FdSeek | Rights.PathLinkSource | Rights.PathLinkTarget | Rights.PathOpen | Rights.PathUnlinkFile |
        Rights.PathFilestatGet | Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdTell | Rights.FdAdvise |
        Rights.FdAllocate | Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes;

    public WasiContext Ctx => h.Ctx;

    public (Errno, int) PathOpen(int dir, uint lookup, string path, Oflags o, Rights @base, Rights inheriting, Fdflags f)
    {
        var (p, l) = h.Str(path);
        var e = Ctx.PathOpen(dir, lookup, p, l, (uint)o, (ulong)@base, (ulong)inheriting, (uint)f, Ret);
        return (e, e == Errno.Success ? (int)h.U32(Ret) : -1);
    }

    public int Open(int dir, string path, Oflags o = Oflags.None, Rights @base = Rights.None, Rights inh = Rights.None, Fdflags f = Fdflags.None, uint lookup = 0)
    {
        var (e, fd) = PathOpen(dir, lookup, path, o, @base, inh, f);
        Assert.True(e == Errno.Success, $"path_open {path}: {e}");
        return fd;
    }

    public (Rights Base, Rights Inheriting, Filetype Type, Fdflags Flags) Fdstat(int fd)
    {
        Ok(Ctx.FdFdstatGet(fd, Ret));
        return ((Rights)h.U64(Ret + 8), (Rights)h.U64(Ret + 16), (Filetype)h.U8(Ret), (Fdflags)h.U16(Ret + 2));
    }

    public record Filestat(ulong Dev, ulong Ino, Filetype Type, ulong Nlink, ulong Size, ulong Atim, ulong Mtim, ulong Ctim);

    public Filestat ReadFilestat(uint p) =>
        new(h.U64(p), h.U64(p + 8), (Filetype)h.U8(p + 16), h.U64(p + 24), h.U64(p + 32), h.U64(p + 40), h.U64(p + 48), h.U64(p + 56));

    public Filestat FdFilestat(int fd)
    {
        Ok(Ctx.FdFilestatGet(fd, 100));
        return ReadFilestat(100);
    }

    public (Errno, Filestat?) PathFilestat(int dir, uint lookup, string path)
    {
        var (p, l) = h.Str(path);
        var e = Ctx.PathFilestatGet(dir, lookup, p, l, 100);
        return (e, e == Errno.Success ? ReadFilestat(100) : null);
    }

    public Errno Mkdir(int dir, string path) { var (p, l) = h.Str(path); return Ctx.PathCreateDirectory(dir, p, l); }
    public Errno Rmdir(int dir, string path) { var (p, l) = h.Str(path); return Ctx.PathRemoveDirectory(dir, p, l); }
    public Errno Unlink(int dir, string path) { var (p, l) = h.Str(path); return Ctx.PathUnlinkFile(dir, p, l); }

    public Errno Symlink(string target, int dir, string path)
    {
        var (t, tl) = h.Str(target);
        var (p, l) = h.Str(path);
        return Ctx.PathSymlink(t, tl, dir, p, l);
    }

    public Errno Link(int oldDir, uint lookup, string oldPath, int newDir, string newPath)
    {
        var (a, al) = h.Str(oldPath);
        var (b, bl) = h.Str(newPath);
        return Ctx.PathLink(oldDir, lookup, a, al, newDir, b, bl);
    }

    public Errno Rename(int oldDir, string oldPath, int newDir, string newPath)
    {
        var (a, al) = h.Str(oldPath);
        var (b, bl) = h.Str(newPath);
        return Ctx.PathRename(oldDir, a, al, newDir, b, bl);
    }

    public Errno SetTimes(int dir, uint lookup, string path, ulong atim, ulong mtim, Fstflags f)
    {
        var (p, l) = h.Str(path);
        return Ctx.PathFilestatSetTimes(dir, lookup, p, l, atim, mtim, (uint)f);
    }

    public (Errno, string) Readlink(int dir, string path, uint bufLen)
    {
        var (p, l) = h.Str(path);
        var e = Ctx.PathReadlink(dir, p, l, Buf, bufLen, Ret);
        return (e, e == Errno.Success ? Encoding.UTF8.GetString(h.Bytes(Buf, (int)h.U32(Ret))) : "");
    }

    public (Errno, ulong) Seek(int fd, long offset, Whence w)
    {
        var e = Ctx.FdSeek(fd, offset, (uint)w, Ret);
        return (e, e == Errno.Success ? h.U64(Ret) : 0);
    }

    public (Errno, ulong) Tell(int fd)
    {
        var e = Ctx.FdTell(fd, Ret);
        return (e, e == Errno.Success ? h.U64(Ret) : 0);
    }

    public (Errno, uint) Write(int fd, byte[] data) => h.Write(fd, data);
    public (Errno, byte[]) Read(int fd, int max) => h.Read(fd, max);

    /// <summary>fd_readdir into a buffer of <paramref name="bufLen"/> bytes: the whole entries found and whether
    /// the buffer was not filled (the end).</summary>
    public (List<(ulong Next, ulong Ino, string Name, Filetype Type)> Entries, bool Eof) Readdir(int fd, ulong cookie, uint bufLen)
    {
        Ok(Ctx.FdReaddir(fd, Buf, bufLen, cookie, Ret));
        uint used = h.U32(Ret), p = Buf;
        var list = new List<(ulong, ulong, string, Filetype)>();
        while (p + 24 <= Buf + used)
        {
            uint len = h.U32(p + 16);
            if (p + 24 + len > Buf + used) break;
            list.Add((h.U64(p), h.U64(p + 8), Encoding.UTF8.GetString(h.Bytes(p + 24, (int)len)), (Filetype)h.U8(p + 20)));
            p += 24 + len;
        }
        return (list, used < bufLen);
    }

    /// <summary>wasi_tests::root_directory: find the pre-open named "/" and open "." under it with its rights.</summary>
    public int RootDirectory()
    {
        for (int fd = 3; ; fd++)
        {
            Ok(Ctx.FdPrestatGet(fd, Ret));
            uint len = h.U32(Ret + 4);
            Ok(Ctx.FdPrestatDirName(fd, Buf, len));
            if (Encoding.UTF8.GetString(h.Bytes(Buf, (int)len)) != "/") continue;
            var (b, i, _, _) = Fdstat(fd);
            return Open(fd, ".", Oflags.Directory, b, i);
        }
    }

    /// <summary>wasi_tests::create_tmp_dir.</summary>
    public int CreateTmpDir(int dir, string name)
    {
        Ok(Mkdir(dir, name));
        return Open(dir, name, Oflags.Directory, TmpDirBase, TmpDirInheriting);
    }

    public void CreateFile(int dir, string name) => Ok(Ctx.FdClose(Open(dir, name, Oflags.Creat)));

    public static void Ok(Errno e) => Assert.Equal(Errno.Success, e);
}
