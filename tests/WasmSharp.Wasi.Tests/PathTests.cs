using System.Text;

namespace WasmSharp.Wasi.Tests;

public class PathTests
{
    private const int Root = WasiHarness.Root;

    private static Errno Mkdir(WasiHarness h, string p) { var (a, l) = h.Str(p); return h.Ctx.PathCreateDirectory(Root, a, l); }
    private static Errno Rmdir(WasiHarness h, string p) { var (a, l) = h.Str(p); return h.Ctx.PathRemoveDirectory(Root, a, l); }
    private static Errno Unlink(WasiHarness h, string p) { var (a, l) = h.Str(p); return h.Ctx.PathUnlinkFile(Root, a, l); }
    internal static Errno Symlink(WasiHarness h, string target, string link, int dir = Root)
    {
        var (t, tl) = h.Str(target);
        var (p, pl) = h.Str(link);
        return h.Ctx.PathSymlink(t, tl, dir, p, pl);
    }
    private static Errno Rename(WasiHarness h, string from, string to)
    {
        var (a, al) = h.Str(from);
        var (b, bl) = h.Str(to);
        return h.Ctx.PathRename(Root, a, al, Root, b, bl);
    }
    internal static Errno Stat(WasiHarness h, string p, bool follow, int dir = Root)
    {
        var (a, l) = h.Str(p);
        return h.Ctx.PathFilestatGet(dir, follow ? 1u : 0u, a, l, 100);
    }

    [Fact]
    public void CreateAndRemoveDirectories()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, Mkdir(h, "d"));
        Assert.Equal(Errno.Success, Mkdir(h, "d/nested/"));
        Assert.True(Directory.Exists(h.Host("d/nested")));
        Assert.Equal(Errno.Exist, Mkdir(h, "d"));
        Assert.Equal(Errno.NoEnt, Mkdir(h, "x/y"));
        Assert.Equal(Errno.NotEmpty, Rmdir(h, "d"));
        Assert.Equal(Errno.Success, Rmdir(h, "d/nested/"));
        Assert.Equal(Errno.Success, Rmdir(h, "d"));
        Assert.False(Directory.Exists(h.Host("d")));
        Assert.Equal(Errno.NoEnt, Rmdir(h, "d"));
    }

    [Fact]
    public void UnlinkFilesNotDirectories()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        Directory.CreateDirectory(h.Host("d"));
        Assert.Equal(Errno.NotDir, Unlink(h, "f/"));
        Assert.Equal(Errno.IsDir, Unlink(h, "d"));
        Assert.Equal(Errno.NotDir, Rmdir(h, "f"));
        Assert.Equal(Errno.Success, Unlink(h, "f"));
        Assert.False(File.Exists(h.Host("f")));
    }

    [Fact]
    public void RenameFilesAndDirectories()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("a"), "A");
        Directory.CreateDirectory(h.Host("d"));
        Assert.Equal(Errno.Success, Rename(h, "a", "d/b"));
        Assert.Equal("A", File.ReadAllText(h.Host("d/b")));
        Assert.Equal(Errno.Success, Rename(h, "d/", "e/"));
        Assert.True(File.Exists(h.Host("e/b")));
        Assert.Equal(Errno.NotDir, Rename(h, "e/b/", "c"));
        Assert.Equal(Errno.NoEnt, Rename(h, "nothing", "c"));
    }

    [Fact]
    public void HardLinks()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("src"), "S");
        var (a, al) = h.Str("src");
        var (b, bl) = h.Str("dst");
        Assert.Equal(Errno.Success, h.Ctx.PathLink(Root, 0, a, al, Root, b, bl));
        Assert.Equal("S", File.ReadAllText(h.Host("dst")));
        Assert.Equal(Errno.Success, Stat(h, "dst", false));
        Assert.Equal(2UL, h.U64(124));
        Assert.Equal(Errno.Exist, h.Ctx.PathLink(Root, 0, a, al, Root, b, bl));
    }

    [Fact]
    public void SymlinksReadlinkAndFollow()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("target"), "T");
        Assert.Equal(Errno.Success, Symlink(h, "target", "link"));
        var (p, l) = h.Str("link");
        Assert.Equal(Errno.Success, h.Ctx.PathReadlink(Root, p, l, 9000, 100, WasiHarness.Result));
        Assert.Equal(6u, h.U32(WasiHarness.Result));
        Assert.Equal("target", Encoding.UTF8.GetString(h.Bytes(9000, 6)));
        Assert.Equal(Errno.Success, h.Ctx.PathReadlink(Root, p, l, 9000, 3, WasiHarness.Result));
        Assert.Equal(3u, h.U32(WasiHarness.Result)); // truncated to the buffer

        Assert.Equal(Errno.Success, Stat(h, "link", follow: false));
        Assert.Equal((byte)Filetype.SymbolicLink, h.U8(116));
        Assert.Equal(Errno.Success, Stat(h, "link", follow: true));
        Assert.Equal((byte)Filetype.RegularFile, h.U8(116));

        Assert.Equal(Errno.Loop, h.Open("link").Errno); // no follow flag: O_NOFOLLOW
        int fd = h.OpenOk("link", follow: true);
        Assert.Equal("T"u8.ToArray(), h.Read(fd, 10).Item2);

        var (f, fl) = h.Str("target");
        Assert.Equal(Errno.Inval, h.Ctx.PathReadlink(Root, f, fl, 9000, 100, WasiHarness.Result));
        Assert.Equal(Errno.Exist, Symlink(h, "x", "link"));
        Assert.Equal(Errno.Success, Unlink(h, "link"));
        Assert.True(File.Exists(h.Host("target")));
    }

    [Fact]
    public void DanglingSymlinkAndSymlinkToDirectory()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, Symlink(h, "nowhere", "dangling"));
        Assert.Equal(Errno.NoEnt, h.Open("dangling", Oflags.Directory, follow: true).Errno);
        Assert.Equal(Errno.NoEnt, Stat(h, "dangling", follow: true));
        Directory.CreateDirectory(h.Host("dir"));
        Assert.Equal(Errno.Success, Symlink(h, "dir", "dlink"));
        Assert.Contains(h.Open("dlink", Oflags.Directory).Errno, new[] { Errno.Loop, Errno.NotDir });
        h.OpenOk("dlink", Oflags.Directory, follow: true);
        h.OpenOk("dlink/", Oflags.Directory); // a trailing slash follows
    }

    [Fact]
    public void TrailingSlashOnASymlinkIsNotFollowedByMutations()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("dir"));
        File.WriteAllText(h.Host("file"), "");
        Symlink(h, "dir", "dlink");
        Symlink(h, "file", "flink");
        Assert.Equal(Errno.NotDir, Rmdir(h, "dlink/"));
        Assert.True(Directory.Exists(h.Host("dir")));
        Assert.Equal(Errno.NotDir, Unlink(h, "flink/"));
        Assert.Equal(Errno.Exist, Mkdir(h, "dlink/"));
        Assert.Equal(Errno.NoEnt, Symlink(h, "source", "newlink/"));
        Assert.Equal(Errno.Exist, Symlink(h, "source", "dir/"));
        Assert.Equal(Errno.IsDir, Unlink(h, "dir/"));
        Assert.Equal(Errno.Success, Rename(h, "dir/", "dir2"));
        Assert.Equal(Errno.Success, Rename(h, "dir2", "dir/"));
        Assert.Equal(Errno.Success, Stat(h, "dlink/", follow: false)); // stat follows a trailing slash
        Assert.Equal((byte)Filetype.Directory, h.U8(116));
        Assert.Equal(Errno.NotDir, Stat(h, "flink/", follow: false));
        var (p, l) = h.Str("file/");
        Assert.Equal(Errno.NotDir, h.Ctx.PathFilestatSetTimes(Root, 0, p, l, 0, 0, (uint)Fstflags.MtimNow));
    }

    [Fact]
    public void FilestatGetOnPathsAndTrailingSlashes()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "12345");
        Assert.Equal(Errno.Success, Stat(h, "f", false));
        Assert.Equal(5UL, h.U64(132));
        Assert.Equal(Errno.NotDir, Stat(h, "f/", false));
        Assert.Equal(Errno.Success, Stat(h, ".", false));
        Assert.Equal((byte)Filetype.Directory, h.U8(116));
    }

    [Fact]
    public void PathFilestatSetTimes()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        var (p, l) = h.Str("f");
        ulong t = 1_500_000_000UL * 1_000_000_000UL;
        Assert.Equal(Errno.Success, h.Ctx.PathFilestatSetTimes(Root, 0, p, l, t, t + 5, (uint)(Fstflags.Atim | Fstflags.Mtim)));
        Stat(h, "f", false);
        Assert.Equal(t, h.U64(140));
        Assert.Equal(t + 5, h.U64(148));
        Assert.Equal(Errno.Inval, h.Ctx.PathFilestatSetTimes(Root, 0, p, l, 0, 0, (uint)(Fstflags.Atim | Fstflags.AtimNow)));
        Assert.Equal(Errno.Inval, h.Ctx.PathFilestatSetTimes(Root, 0, p, l, 0, 0, 0x10));
    }

    [Fact]
    public void InterestingPaths()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("dir/nested"));
        File.WriteAllText(h.Host("dir/nested/file"), "x");
        h.OpenOk("dir/.//nested/../../dir/nested/../nested///./file");
        Assert.Contains(h.Open("dir/nested/file\0").Errno, new[] { Errno.Inval, Errno.Ilseq, Errno.NoEnt });
        Assert.Equal(Errno.NotDir, h.Open("dir/nested/file/").Errno);
        Assert.Equal(Errno.NotDir, h.Open("dir/nested/file///").Errno);
        h.OpenOk("dir/nested/");
        h.OpenOk("dir/nested///");
        Assert.Equal(Errno.NoEnt, h.Open("").Errno);
    }

    [Fact]
    public void NonUtf8PathIsEilseq()
    {
        using var h = new WasiHarness();
        h.SetBytes(9000, [0x66, 0xff, 0x66]);
        Assert.Equal(Errno.Ilseq, h.Ctx.PathCreateDirectory(Root, 9000, 3));
    }

    [Fact]
    public void PathCallsOnAFileDescriptorAreEnotdir()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        int fd = h.OpenOk("f");
        Assert.Equal(Errno.NotDir, h.Open("x", dir: fd).Errno);
        var (p, l) = h.Str("x");
        Assert.Equal(Errno.NotDir, h.Ctx.PathCreateDirectory(fd, p, l));
        Assert.Equal(Errno.Badf, h.Ctx.PathCreateDirectory(77, p, l));
    }

    [Fact]
    public void ReadOnlyPreopenRefusesChanges()
    {
        using var h = new WasiHarness(readOnly: true);
        File.WriteAllText(h.Host("f"), "keep");
        Assert.Equal(Errno.NotCapable, Mkdir(h, "d"));
        Assert.Equal(Errno.NotCapable, Unlink(h, "f"));
        Assert.Equal(Errno.NotCapable, h.Open("new", Oflags.Creat).Errno);
        int fd = h.OpenOk("f", rights: Rights.FdRead | Rights.FdWrite);
        Assert.Equal(Errno.NotCapable, h.Write(fd, [1]).Item1);
        Assert.Equal("keep"u8.ToArray(), h.Read(fd, 10).Item2);
    }

    [Fact]
    public void OpenedDirectoryInheritsRestrictedRights()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("sub"));
        int sub = h.OpenOk("sub", Oflags.Directory, Rights.PathOpen | Rights.FdReaddir);
        var (p, l) = h.Str("x");
        Assert.Equal(Errno.NotCapable, h.Ctx.PathCreateDirectory(sub, p, l));
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatSetRights(WasiHarness.Root, (ulong)RightSets.Directory & ~(ulong)Rights.PathFilestatSetSize, ulong.MaxValue & (ulong)(RightSets.Directory | RightSets.RegularFile)));
        File.WriteAllText(h.Host("t"), "data");
        Assert.Equal(Errno.NotCapable, h.Open("t", Oflags.Trunc).Errno);
    }
}
