namespace WasmSharp.Wasi.Tests;

/// <summary>
/// Programs of the WASI test suite (tests/rust/.../wasm32-wasip1), replayed call by call against the WASI
/// functions with the errnos the suite accepts. They run today, without a compiler; the suite itself runs the real
/// modules once one is injected (<see cref="Suite.WasiTestsuiteTests"/>).
/// </summary>
public class SuiteScenarioTests
{
    private static (WasiHarness, GuestApi) Guest()
    {
        var h = new WasiHarness();
        return (h, new GuestApi(h));
    }

    [Fact]
    public void PathOpenPreopen()
    {
        var (h, g) = Guest();
        using var _ = h;
        var (b, i, _, _) = g.Fdstat(3);
        Rights dirBase = Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource | Rights.PathLinkTarget |
            Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink | Rights.PathRenameSource | Rights.PathRenameTarget |
            Rights.PathSymlink | Rights.PathRemoveDirectory | Rights.PathUnlinkFile | Rights.PathFilestatGet |
            Rights.PathFilestatSetTimes | Rights.FdFilestatGet | Rights.FdFilestatSetTimes;
        Rights fileInh = Rights.FdDatasync | Rights.FdRead | Rights.FdSeek | Rights.FdFdstatSetFlags | Rights.FdSync |
            Rights.FdTell | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate | Rights.FdFilestatGet |
            Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;
        Assert.Equal(dirBase, b & dirBase);
        Assert.Equal(dirBase | fileInh, i & (dirBase | fileInh));
        g.Open(3, ".", Oflags.None, b, i);
        g.Open(3, ".");
        g.Open(3, ".", Oflags.Directory);
        g.Open(3, ".", Oflags.Directory, Rights.FdRead);
        Assert.Equal(Errno.IsDir, g.PathOpen(3, 0, ".", Oflags.Directory, Rights.FdRead | Rights.FdWrite, 0, 0).Item1);
    }

    [Fact]
    public void TruncationRights()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "truncation_rights_dir.cleanup");
        g.CreateFile(dir, "file");
        var (b, i, type, flags) = g.Fdstat(dir);
        Assert.Equal(Filetype.Directory, type);
        Assert.Equal(Fdflags.None, flags);
        Assert.Equal(Rights.None, b & Rights.FdFilestatSetSize);
        Assert.NotEqual(Rights.None, b & Rights.PathFilestatSetSize);
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "file", Oflags.Trunc)));
        Assert.NotEqual(Rights.None, i & Rights.FdFilestatSetSize);
        i &= ~Rights.FdFilestatSetSize;
        GuestApi.Ok(h.Ctx.FdFdstatSetRights(dir, (ulong)b, (ulong)i));
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "file", Oflags.Trunc)));
        b &= ~Rights.PathFilestatSetSize;
        GuestApi.Ok(h.Ctx.FdFdstatSetRights(dir, (ulong)b, (ulong)i));
        Assert.Equal(Rights.None, g.Fdstat(dir).Base & Rights.PathFilestatSetSize);
        Assert.Equal(Errno.NotCapable, g.PathOpen(dir, 0, "file", Oflags.Trunc, 0, 0, 0).Item1);
        GuestApi.Ok(g.Unlink(dir, "file"));
    }

    [Fact]
    public void FdReaddirIncludingLots()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "fd_readdir_dir.cleanup");
        var stat = g.FdFilestat(dir);
        var (entries, eof) = g.Readdir(dir, 0, 256);
        Assert.True(eof);
        Assert.Equal([".", ".."], entries.Select(e => e.Name).Order());
        var dot = entries.Single(e => e.Name == ".");
        Assert.Equal(Filetype.Directory, dot.Type);
        Assert.Equal(stat.Ino, dot.Ino);
        Assert.Equal(Filetype.Directory, entries.Single(e => e.Name == "..").Type);

        int file = g.Open(dir, "file", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.FdReaddir | Rights.FdFilestatGet);
        var fileStat = g.FdFilestat(file);
        GuestApi.Ok(h.Ctx.FdClose(file));
        (entries, eof) = g.Readdir(dir, 0, 256);
        Assert.True(eof);
        Assert.Equal(3, entries.Count);
        var (again, _) = g.Readdir(dir, entries[1].Next, 256);
        Assert.Equal(entries[2].Name, Assert.Single(again).Name);
        Assert.Equal(fileStat.Ino, entries.Single(e => e.Name == "file").Ino);
        GuestApi.Ok(g.Unlink(dir, "file"));

        for (int n = 0; n < 1000; n++) GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, $"file.{n}", Oflags.Creat, Rights.FdRead | Rights.FdWrite)));
        int total = 0;
        ulong cookie = 0;
        while (true)
        {
            var (batch, end) = g.Readdir(dir, cookie, 256);
            total += batch.Count;
            if (end) break;
            cookie = batch[^1].Next;
        }
        Assert.Equal(1002, total);
    }

    [Fact]
    public void NofollowErrors()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "nofollow_errors_dir.cleanup");
        GuestApi.Ok(g.Mkdir(dir, "target"));
        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        Assert.Contains(g.PathOpen(dir, 0, "symlink", Oflags.Directory, 0, 0, 0).Item1, new[] { Errno.Loop, Errno.NotDir });
        Assert.Contains(g.PathOpen(dir, 0, "symlink", 0, 0, 0, 0).Item1, new[] { Errno.Loop, Errno.Acces });
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "symlink", Oflags.Directory, lookup: 1)));
        GuestApi.Ok(g.Unlink(dir, "symlink"));
        GuestApi.Ok(g.Rmdir(dir, "target"));
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "target", Oflags.Creat)));
        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        Assert.Contains(g.PathOpen(dir, 0, "symlink", Oflags.Directory, 0, 0, 0).Item1, new[] { Errno.Loop, Errno.NotDir });
        Assert.Equal(Errno.Loop, g.PathOpen(dir, 0, "symlink", 0, 0, 0, 0).Item1);
        Assert.Equal(Errno.NotDir, g.PathOpen(dir, 1, "symlink", Oflags.Directory, 0, 0, 0).Item1);
        GuestApi.Ok(g.Unlink(dir, "target"));
        GuestApi.Ok(g.Unlink(dir, "symlink"));
    }

    [Fact]
    public void SymlinkFilestat()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "symlink_filestat_dir.cleanup");
        int file = g.Open(dir, "file", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.PathFilestatGet);
        var fileStat = g.PathFilestat(dir, 0, "file").Item2!;
        Assert.Equal(0UL, fileStat.Size);
        GuestApi.Ok(g.Symlink("file", dir, "symlink"));
        var symStat = g.PathFilestat(dir, 0, "symlink").Item2!;
        ulong newMtim = symStat.Mtim - 200;
        GuestApi.Ok(g.SetTimes(dir, 0, "symlink", 0, newMtim, Fstflags.Mtim));
        Assert.Equal(newMtim, g.PathFilestat(dir, 0, "symlink").Item2!.Mtim);
        Assert.Equal(fileStat.Mtim, g.PathFilestat(dir, 0, "file").Item2!.Mtim);
        Assert.Equal(fileStat.Mtim, g.PathFilestat(dir, 1, "symlink").Item2!.Mtim);
        GuestApi.Ok(g.SetTimes(dir, 1, "symlink", 0, symStat.Mtim, Fstflags.Mtim));
        Assert.Equal(symStat.Mtim, g.PathFilestat(dir, 0, "file").Item2!.Mtim);
        GuestApi.Ok(h.Ctx.FdClose(file));
    }

    [Fact]
    public void PathFilestatWithAppendAndSync()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "path_filestat_dir.cleanup");
        Assert.NotEqual(Rights.None, g.Fdstat(dir).Base & Rights.PathFilestatGet);
        int file = g.Open(dir, "file", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.PathFilestatGet, 0, Fdflags.Append | Fdflags.Sync);
        var flags = g.Fdstat(file).Flags;
        Assert.Equal(Fdflags.Append | Fdflags.Sync, flags & (Fdflags.Append | Fdflags.Sync));
        var stat = g.PathFilestat(dir, 0, "file").Item2!;
        ulong newMtim = stat.Mtim - 100;
        GuestApi.Ok(g.SetTimes(dir, 0, "file", 0, newMtim, Fstflags.Mtim));
        Assert.Equal(newMtim, g.PathFilestat(dir, 0, "file").Item2!.Mtim);
        Assert.Equal(Errno.Inval, g.SetTimes(dir, 0, "file", 0, newMtim, Fstflags.Mtim | Fstflags.MtimNow));
        Assert.Equal(newMtim, g.PathFilestat(dir, 0, "file").Item2!.Mtim);
        Assert.Equal(Errno.Inval, g.SetTimes(dir, 0, "file", 0, 0, Fstflags.Atim | Fstflags.AtimNow));
    }

    [Fact]
    public void PathLink()
    {
        var (h, g) = Guest();
        using var _ = h;
        const Rights test = Rights.FdRead | Rights.PathLinkSource | Rights.PathLinkTarget | Rights.FdFilestatGet |
                            Rights.PathOpen | Rights.PathUnlinkFile;
        int dir = g.CreateTmpDir(g.RootDirectory(), "path_link_dir.cleanup");
        int file = g.Open(dir, "file", Oflags.Creat, test, test);
        GuestApi.Ok(g.Link(dir, 0, "file", dir, "link"));
        int link = g.Open(dir, "link", Oflags.None, test, test);
        Assert.Equal(g.FdFilestat(file), g.FdFilestat(link));
        Assert.Equal(g.Fdstat(file), g.Fdstat(link));
        GuestApi.Ok(h.Ctx.FdClose(link));
        GuestApi.Ok(g.Unlink(dir, "link"));

        GuestApi.Ok(g.Mkdir(dir, "subdir"));
        int subdir = g.Open(dir, "subdir", Oflags.Directory, test, test);
        GuestApi.Ok(g.Link(dir, 0, "file", subdir, "link"));
        link = g.Open(subdir, "link", Oflags.None, test, test);
        Assert.Equal(g.Fdstat(file), g.Fdstat(link));
        GuestApi.Ok(h.Ctx.FdClose(link));
        GuestApi.Ok(g.Unlink(subdir, "link"));
        GuestApi.Ok(h.Ctx.FdClose(subdir));
        GuestApi.Ok(g.Rmdir(dir, "subdir"));

        g.CreateFile(dir, "link");
        Assert.Equal(Errno.Exist, g.Link(dir, 0, "file", dir, "link"));
        GuestApi.Ok(g.Unlink(dir, "link"));
        Assert.Equal(Errno.Exist, g.Link(dir, 0, "file", dir, "file"));
        GuestApi.Ok(g.Mkdir(dir, "link"));
        Assert.Equal(Errno.Exist, g.Link(dir, 0, "file", dir, "link"));
        GuestApi.Ok(g.Rmdir(dir, "link"));
        GuestApi.Ok(g.Mkdir(dir, "subdir"));
        Assert.Contains(g.Link(dir, 0, "subdir", dir, "link"), new[] { Errno.Perm, Errno.Acces });
        GuestApi.Ok(g.Rmdir(dir, "subdir"));
        Assert.Equal(Errno.NoEnt, g.Link(dir, 0, "file", dir, "link/"));

        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        GuestApi.Ok(g.Link(dir, 0, "symlink", dir, "link"));
        GuestApi.Ok(g.Unlink(dir, "symlink"));
        GuestApi.Ok(g.Unlink(dir, "link"));
        GuestApi.Ok(g.Symlink("symlink", dir, "symlink"));
        GuestApi.Ok(g.Link(dir, 0, "symlink", dir, "link"));
        GuestApi.Ok(g.Unlink(dir, "symlink"));
        GuestApi.Ok(g.Unlink(dir, "link"));
        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        Assert.Equal(Errno.Exist, g.Link(dir, 0, "file", dir, "symlink"));
        Assert.Contains(g.Link(dir, 1, "symlink", dir, "link"), new[] { Errno.Inval, Errno.NoEnt });
        GuestApi.Ok(g.Unlink(dir, "symlink"));
        GuestApi.Ok(g.Unlink(dir, "file"));
    }

    [Fact]
    public void PathRenameIncludingTrailingSlashes()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "path_rename_dir.cleanup");
        GuestApi.Ok(g.Mkdir(dir, "source"));
        GuestApi.Ok(g.Rename(dir, "source", dir, "target"));
        Assert.Equal(Errno.NoEnt, g.PathOpen(dir, 0, "source", Oflags.Directory, 0, 0, 0).Item1);
        GuestApi.Ok(g.Rmdir(dir, "target"));
        GuestApi.Ok(g.Mkdir(dir, "source"));
        GuestApi.Ok(g.Mkdir(dir, "target"));
        GuestApi.Ok(g.Rename(dir, "source", dir, "target"));
        GuestApi.Ok(g.Rmdir(dir, "target"));
        GuestApi.Ok(g.Mkdir(dir, "source"));
        GuestApi.Ok(g.Mkdir(dir, "target"));
        g.CreateFile(dir, "target/file");
        Assert.Equal(Errno.NotEmpty, g.Rename(dir, "source", dir, "target"));
        Assert.Equal(Errno.NotDir, g.Rename(dir, "source", dir, "target/file"));
        GuestApi.Ok(g.Unlink(dir, "target/file"));
        GuestApi.Ok(g.Rmdir(dir, "source"));
        GuestApi.Ok(g.Rmdir(dir, "target"));
        g.CreateFile(dir, "source");
        g.CreateFile(dir, "target");
        GuestApi.Ok(g.Rename(dir, "source", dir, "target"));
        GuestApi.Ok(g.Unlink(dir, "target"));
        g.CreateFile(dir, "source");
        GuestApi.Ok(g.Mkdir(dir, "target"));
        Assert.Equal(Errno.IsDir, g.Rename(dir, "source", dir, "target"));
        GuestApi.Ok(g.Rmdir(dir, "target"));
        GuestApi.Ok(g.Unlink(dir, "source"));

        GuestApi.Ok(g.Mkdir(dir, "source"));
        GuestApi.Ok(g.Rename(dir, "source/", dir, "target"));
        GuestApi.Ok(g.Rename(dir, "target", dir, "source/"));
        GuestApi.Ok(g.Rename(dir, "source/", dir, "target/"));
        GuestApi.Ok(g.Rename(dir, "target", dir, "source"));
        GuestApi.Ok(g.Rmdir(dir, "source"));
    }

    [Fact]
    public void FdFdstatSetRights()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "rights_dir.cleanup");
        var (db, di, _, _) = g.Fdstat(dir);
        GuestApi.Ok(h.Ctx.FdFdstatSetRights(dir, (ulong)db, (ulong)di)); // supports_rights
        int fd = g.Open(dir, "file.cleanup", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.FdSeek | Rights.FdTell);
        Assert.Equal((Errno.Success, 4u), g.Write(fd, [0, 1, 2, 3]));
        GuestApi.Ok(g.Seek(fd, 0, Whence.Set).Item1);
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, g.Read(fd, 4).Item2);
        var (b, i, _, _) = g.Fdstat(fd);
        GuestApi.Ok(h.Ctx.FdFdstatSetRights(fd, (ulong)(b & ~(Rights.FdRead | Rights.FdWrite)), (ulong)i));
        Assert.Equal(Rights.FdSeek, g.Fdstat(fd).Base & (Rights.FdRead | Rights.FdWrite | Rights.FdSeek));
        Assert.Contains(g.Read(fd, 4).Item1, new[] { Errno.Badf, Errno.NotCapable });
        Assert.Contains(g.Write(fd, [1]).Item1, new[] { Errno.Badf, Errno.NotCapable });
        var add = Rights.FdRead | Rights.FdWrite | Rights.FdSeek | Rights.FdTell;
        var now = g.Fdstat(fd);
        Assert.Equal(Errno.NotCapable, h.Ctx.FdFdstatSetRights(fd, (ulong)(now.Base | add), (ulong)(now.Inheriting | add)));
        GuestApi.Ok(h.Ctx.FdClose(fd));
        GuestApi.Ok(g.Unlink(dir, "file.cleanup"));
    }

    [Fact]
    public void DirFdOpFailures()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.RootDirectory();
        Assert.Equal(Filetype.Directory, g.FdFilestat(dir).Type);
        Assert.Contains(h.Ctx.FdPrestatDirName(3, 20000, 0), new[] { Errno.Inval, Errno.NameTooLong });
        GuestApi.Ok(h.Ctx.FdPrestatDirName(3, 20000, 2));
        Errno[] isdir = [Errno.IsDir, Errno.Badf, Errno.NotCapable];
        Assert.Contains(g.Read(dir, 128).Item1, isdir);
        h.SetU32(64, 9000); h.SetU32(68, 128);
        Assert.Contains(h.Ctx.FdPread(dir, 64, 1, 0, 40), isdir);
        Assert.Contains(g.Write(dir, new byte[128]).Item1, isdir);
        Assert.Contains(h.Ctx.FdPwrite(dir, 64, 1, 0, 40), isdir);
        Assert.Contains(g.Seek(dir, 0, Whence.Cur).Item1, isdir);
        Assert.Contains(g.Seek(dir, 0, Whence.Set).Item1, isdir);
        Assert.Contains(g.Seek(dir, 0, Whence.End).Item1, isdir);
        Assert.Contains(g.Tell(dir).Item1, isdir);
        Assert.Contains(h.Ctx.FdAllocate(dir, 0, 1), isdir);
        Assert.Contains(h.Ctx.FdFilestatSetSize(dir, 0), new[] { Errno.IsDir, Errno.Inval, Errno.Badf, Errno.NotCapable });

        int sub = g.Open(dir, ".", Oflags.Directory, Rights.FdSeek);
        Assert.Contains(g.Seek(sub, 0, Whence.Cur).Item1, isdir);
        Assert.Equal(Rights.None, g.Fdstat(sub).Base & Rights.FdSeek); // directory_seek
    }

    [Fact]
    public void CloseAndOverwritePreopen()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.RootDirectory();
        Assert.True(dir > 3);
        GuestApi.Ok(h.Ctx.FdClose(3));
        Assert.Equal(Filetype.Directory, g.Fdstat(dir).Type);
        Assert.Equal(Errno.Badf, h.Ctx.FdFdstatGet(3, 100));

        var (h2, g2) = Guest();
        using var __ = h2;
        int baseDir = g2.RootDirectory();
        int tmp = g2.CreateTmpDir(baseDir, "overwrite_preopen_dir.cleanup");
        var old = g2.FdFilestat(tmp);
        GuestApi.Ok(h2.Ctx.FdRenumber(tmp, 3));
        var now = g2.FdFilestat(3);
        Assert.Equal((old.Dev, old.Ino), (now.Dev, now.Ino));
        Assert.Equal(Errno.Badf, h2.Ctx.FdFdstatGet(tmp, 100));
        GuestApi.Ok(h2.Ctx.FdClose(3));
        GuestApi.Ok(g2.Rmdir(baseDir, "overwrite_preopen_dir.cleanup"));
    }

    [Fact]
    public void StdioRenumberedOntoFiles()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "stdio_dir.cleanup");
        foreach (int from in new[] { 0, 1, 2 })
        {
            int to = g.Open(dir, "file.cleanup", Oflags.Creat);
            GuestApi.Ok(h.Ctx.FdRenumber(from, to));
            GuestApi.Ok(h.Ctx.FdFdstatGet(to, 100));
            Assert.NotEqual(Errno.Success, h.Ctx.FdFdstatGet(from, 100));
            GuestApi.Ok(g.Unlink(dir, "file.cleanup"));
        }
    }

    [Fact]
    public void FdFlagsSetAppend()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.RootDirectory();
        int fd = g.Open(dir, "fd_flags_set_file.cleanup", Oflags.Creat,
            Rights.FdRead | Rights.FdWrite | Rights.FdSeek | Rights.FdTell | Rights.FdFdstatSetFlags, 0, Fdflags.Append);
        Assert.Equal((Errno.Success, 100u), g.Write(fd, new byte[100]));
        g.Seek(fd, 0, Whence.Set);
        Assert.Equal(100, g.Read(fd, 100).Item2.Length);
        g.Seek(fd, 0, Whence.Set);
        g.Write(fd, Enumerable.Repeat((byte)1, 100).ToArray());
        g.Seek(fd, 100, Whence.Set);
        Assert.All(g.Read(fd, 100).Item2, b => Assert.Equal(1, b));
        GuestApi.Ok(h.Ctx.FdFdstatSetFlags(fd, 0));
        g.Seek(fd, 0, Whence.Set);
        g.Write(fd, Enumerable.Repeat((byte)2, 100).ToArray());
        g.Seek(fd, 0, Whence.Set);
        Assert.All(g.Read(fd, 100).Item2, b => Assert.Equal(2, b));
        GuestApi.Ok(h.Ctx.FdClose(fd));
        Assert.Equal(200UL, g.PathFilestat(dir, 0, "fd_flags_set_file.cleanup").Item2!.Size);
    }

    [Fact]
    public void FileSeekTell()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "file_seek_tell_dir.cleanup");
        int fd = g.Open(dir, "file", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.FdSeek | Rights.FdTell);
        Assert.Equal(0UL, g.Tell(fd).Item2);
        g.Write(fd, new byte[100]);
        Assert.Equal(100UL, g.Tell(fd).Item2);
        Assert.Equal(50UL, g.Seek(fd, -50, Whence.Cur).Item2);
        Assert.Equal(0UL, g.Seek(fd, 0, Whence.Set).Item2);
        GuestApi.Ok(g.Seek(fd, 1000, Whence.Cur).Item1);
        Assert.Equal(Errno.Inval, g.Seek(fd, -2000, Whence.Cur).Item1);
        g.Seek(fd, 0, Whence.Set);
        Assert.Equal(100, g.Read(fd, 100).Item2.Length);
        Assert.Equal(100UL, g.Tell(fd).Item2);
    }

    [Fact]
    public void ReadlinkAndPathExists()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "readlink_dir.cleanup");
        g.CreateFile(dir, "target");
        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        h.Memory.GetSpan(20000, 10).Clear();
        Assert.Equal((Errno.Success, "target"), g.Readlink(dir, "symlink", 10));
        Assert.Equal(new byte[4], h.Bytes(20006, 4)); // untouched
        Assert.Equal((Errno.Success, "targ"), g.Readlink(dir, "symlink", 4));

        GuestApi.Ok(g.Mkdir(dir, "subdir"));
        g.CreateFile(dir, "subdir/file");
        GuestApi.Ok(g.Symlink("subdir/file", dir, "link1"));
        GuestApi.Ok(g.Symlink("subdir", dir, "link2"));
        Assert.Equal(Filetype.Directory, g.PathFilestat(dir, 1, "subdir").Item2!.Type);
        Assert.Equal(Filetype.RegularFile, g.PathFilestat(dir, 1, "subdir/file").Item2!.Type);
        Assert.Equal(Filetype.SymbolicLink, g.PathFilestat(dir, 0, "link1").Item2!.Type);
        Assert.Equal(Filetype.RegularFile, g.PathFilestat(dir, 1, "link1").Item2!.Type);
        Assert.Equal(Filetype.SymbolicLink, g.PathFilestat(dir, 0, "link2").Item2!.Type);
        Assert.Equal(Filetype.Directory, g.PathFilestat(dir, 1, "link2").Item2!.Type);
    }

    [Fact]
    public void SymlinkCreateAndLoopAndDangling()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "symlink_create_dir.cleanup");
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "target", Oflags.Creat)));
        GuestApi.Ok(g.Symlink("target", dir, "symlink"));
        GuestApi.Ok(h.Ctx.FdClose(g.Open(dir, "symlink", lookup: 1)));
        GuestApi.Ok(g.Unlink(dir, "symlink"));
        GuestApi.Ok(g.Unlink(dir, "target"));
        Assert.NotEqual(Errno.Success, g.Symlink("/", dir, "symlink"));

        GuestApi.Ok(g.Symlink("symlink", dir, "symlink"));
        Assert.Equal(Errno.Loop, g.PathOpen(dir, 0, "symlink", 0, 0, 0, 0).Item1);
        GuestApi.Ok(g.Unlink(dir, "symlink"));

        GuestApi.Ok(g.Symlink("target", dir, "dangling"));
        Assert.Contains(g.PathOpen(dir, 0, "dangling", Oflags.Directory, 0, 0, 0).Item1, new[] { Errno.NotDir, Errno.Loop });
        Assert.Equal(Errno.Loop, g.PathOpen(dir, 0, "dangling", 0, 0, 0, 0).Item1);
        GuestApi.Ok(g.Unlink(dir, "dangling"));
    }

    [Fact]
    public void RemoveNonemptyDirectoryAndCreateExisting()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.CreateTmpDir(g.RootDirectory(), "remove_nonempty_directory_dir.cleanup");
        GuestApi.Ok(g.Mkdir(dir, "dir"));
        GuestApi.Ok(g.Mkdir(dir, "dir/nested"));
        Assert.Equal(Errno.NotEmpty, g.Rmdir(dir, "dir"));
        GuestApi.Ok(g.Rmdir(dir, "dir/nested"));
        GuestApi.Ok(g.Rmdir(dir, "dir"));
        g.CreateFile(dir, "file");
        Assert.Equal(Errno.Exist, g.PathOpen(dir, 0, "file", Oflags.Creat | Oflags.Excl, 0, 0, 0).Item1);
        int file = g.Open(dir, "file");
        Assert.Contains(g.PathOpen(file, 0, "foo", Oflags.Creat, 0, 0, 0).Item1, new[] { Errno.NotDir, Errno.NotCapable });
        Assert.Equal(Errno.NoEnt, g.PathOpen(dir, 0, "missing", 0, 0, 0, 0).Item1);
    }

    [Fact]
    public void AdviseAllocateAndFilestatSet()
    {
        var (h, g) = Guest();
        using var _ = h;
        int dir = g.RootDirectory();
        int fd = g.Open(dir, "fd_advise_file.cleanup", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.FdAdvise |
            Rights.FdFilestatGet | Rights.FdFilestatSetSize | Rights.FdAllocate | Rights.FdFilestatSetTimes);
        Assert.Equal(0UL, g.FdFilestat(fd).Size);
        GuestApi.Ok(h.Ctx.FdFilestatSetSize(fd, 100));
        Assert.Equal(100UL, g.FdFilestat(fd).Size);
        GuestApi.Ok(h.Ctx.FdAdvise(fd, 10, 50, (uint)Advice.Normal));
        Assert.Equal(100UL, g.FdFilestat(fd).Size);
        GuestApi.Ok(h.Ctx.FdAllocate(fd, 100, 100));
        Assert.Equal(200UL, g.FdFilestat(fd).Size);

        var stat = g.FdFilestat(fd);
        ulong newMtim = stat.Mtim - 100;
        GuestApi.Ok(h.Ctx.FdFilestatSetTimes(fd, newMtim, newMtim, (uint)Fstflags.Mtim));
        var after = g.FdFilestat(fd);
        Assert.Equal(newMtim, after.Mtim);
        Assert.Equal(stat.Atim, after.Atim);
        Assert.Equal(Errno.Inval, h.Ctx.FdFilestatSetTimes(fd, 100, 200, (uint)(Fstflags.Mtim | Fstflags.MtimNow)));
        Assert.Equal(Errno.Inval, h.Ctx.FdFilestatSetTimes(fd, 100, 200, (uint)(Fstflags.Atim | Fstflags.AtimNow)));
    }
}
