using System.Text;

namespace WasmSharp.Wasi.Tests;

public class FileTests
{
    private const Rights All = Rights.FdRead | Rights.FdWrite | Rights.FdSeek | Rights.FdTell | Rights.FdFilestatGet |
        Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes | Rights.FdAllocate | Rights.FdAdvise | Rights.FdSync |
        Rights.FdDatasync | Rights.FdFdstatSetFlags;

    [Fact]
    public void CreateWriteSeekRead()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("f.txt", Oflags.Creat, All);
        Assert.True(fd > 3);
        Assert.Equal((Errno.Success, 5u), h.Write(fd, "hello"u8.ToArray()));
        Assert.Equal("hello", File.ReadAllText(h.Host("f.txt")));
        Assert.Equal(Errno.Success, h.Ctx.FdTell(fd, WasiHarness.Result));
        Assert.Equal(5UL, h.U64(WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdSeek(fd, 1, (uint)Whence.Set, WasiHarness.Result));
        Assert.Equal(1UL, h.U64(WasiHarness.Result));
        Assert.Equal("ell"u8.ToArray(), h.Read(fd, 3).Item2);
        Assert.Equal(Errno.Success, h.Ctx.FdSeek(fd, -2, (uint)Whence.End, WasiHarness.Result));
        Assert.Equal(3UL, h.U64(WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdSeek(fd, -1, (uint)Whence.Cur, WasiHarness.Result));
        Assert.Equal(2UL, h.U64(WasiHarness.Result));
        Assert.Equal(Errno.Inval, h.Ctx.FdSeek(fd, -100, (uint)Whence.Cur, WasiHarness.Result));
        Assert.Equal(Errno.Inval, h.Ctx.FdSeek(fd, 0, 3, WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdClose(fd));
        Assert.Equal(Errno.Badf, h.Ctx.FdClose(fd));
    }

    [Fact]
    public void ReadvScattersAcrossIovecs()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("r.txt"), "abcdefgh");
        int fd = h.OpenOk("r.txt");
        h.SetU32(64, 9000); h.SetU32(68, 3);
        h.SetU32(72, 9100); h.SetU32(76, 10);
        Assert.Equal(Errno.Success, h.Ctx.FdRead(fd, 64, 2, WasiHarness.Result));
        Assert.Equal(8u, h.U32(WasiHarness.Result));
        Assert.Equal("abc"u8.ToArray(), h.Bytes(9000, 3));
        Assert.Equal("defgh"u8.ToArray(), h.Bytes(9100, 5));
    }

    [Fact]
    public void PreadAndPwriteDoNotMoveThePosition()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("p.txt"), "0123456789");
        int fd = h.OpenOk("p.txt", rights: All);
        h.SetU32(64, 9000); h.SetU32(68, 4);
        Assert.Equal(Errno.Success, h.Ctx.FdPread(fd, 64, 1, 3, WasiHarness.Result));
        Assert.Equal(4u, h.U32(WasiHarness.Result));
        Assert.Equal("3456"u8.ToArray(), h.Bytes(9000, 4));
        h.SetBytes(9000, "AB"u8);
        h.SetU32(68, 2);
        Assert.Equal(Errno.Success, h.Ctx.FdPwrite(fd, 64, 1, 8, WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdTell(fd, WasiHarness.Result));
        Assert.Equal(0UL, h.U64(WasiHarness.Result));
        Assert.Equal("01234567AB", File.ReadAllText(h.Host("p.txt")));
        Assert.Equal(Errno.Success, h.Ctx.FdPread(fd, 64, 1, 100, WasiHarness.Result));
        Assert.Equal(0u, h.U32(WasiHarness.Result));
        Assert.Equal(Errno.NotCapable, h.Ctx.FdPread(0, 64, 1, 0, WasiHarness.Result)); // stdin cannot seek
    }

    [Fact]
    public void AppendWritesAtTheEnd()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("a.txt"), "start");
        int fd = h.OpenOk("a.txt", rights: All, fdflags: Fdflags.Append);
        h.Write(fd, "+end"u8.ToArray());
        Assert.Equal("start+end", File.ReadAllText(h.Host("a.txt")));
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(fd, 100));
        Assert.Equal((ushort)Fdflags.Append, h.U16(102));
    }

    [Fact]
    public void FdstatSetFlagsTogglesAppend()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f.txt"), "0123");
        int fd = h.OpenOk("f.txt", rights: All);
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatSetFlags(fd, (uint)Fdflags.Append));
        h.Write(fd, "X"u8.ToArray());
        Assert.Equal("0123X", File.ReadAllText(h.Host("f.txt")));
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatSetFlags(fd, 0));
        Assert.Equal(Errno.Success, h.Ctx.FdSeek(fd, 0, (uint)Whence.Set, WasiHarness.Result));
        h.Write(fd, "Y"u8.ToArray());
        Assert.Equal("Y123X", File.ReadAllText(h.Host("f.txt")));
        Assert.Equal(Errno.NotSup, h.Ctx.FdFdstatSetFlags(fd, (uint)Fdflags.Sync));
    }

    [Fact]
    public void FdstatReportsTypeAndRequestedRights()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        int ro = h.OpenOk("f", rights: Rights.FdRead);
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(ro, 100));
        Assert.Equal((byte)Filetype.RegularFile, h.U8(100));
        Assert.Equal((ulong)Rights.FdRead, h.U64(108));
        Assert.Equal(Errno.NotCapable, h.Write(ro, [1]).Item1);

        int wo = h.OpenOk("f", rights: Rights.FdWrite);
        Assert.Equal(Errno.NotCapable, h.Read(wo, 1).Item1);
        Assert.Equal((Errno.Success, 1u), h.Write(wo, [65]));
    }

    [Fact]
    public void RightsCanOnlyShrink()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("f", Oflags.Creat, Rights.FdRead | Rights.FdWrite | Rights.FdSeek);
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatSetRights(fd, (ulong)Rights.FdSeek, 0));
        Assert.Equal(Errno.NotCapable, h.Read(fd, 1).Item1);
        Assert.Equal(Errno.NotCapable, h.Write(fd, [1]).Item1);
        Assert.Equal(Errno.NotCapable, h.Ctx.FdFdstatSetRights(fd, (ulong)(Rights.FdSeek | Rights.FdRead), 0));
        Assert.Equal(Errno.Success, h.Ctx.FdSeek(fd, 0, 0, WasiHarness.Result));
    }

    [Fact]
    public void FilestatSizeTimesAndLinks()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("s", Oflags.Creat, All);
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatSetSize(fd, 100));
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatGet(fd, 100));
        Assert.Equal((byte)Filetype.RegularFile, h.U8(116));
        Assert.Equal(1UL, h.U64(124));
        Assert.Equal(100UL, h.U64(132));
        Assert.NotEqual(0UL, h.U64(108)); // inode

        ulong mtime = 1_000_000_000UL * 1_600_000_000 + 123;
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatSetTimes(fd, 0, mtime, (uint)Fstflags.Mtim));
        h.Ctx.FdFilestatGet(fd, 100);
        Assert.Equal(mtime, h.U64(148));
        Assert.Equal(Errno.Inval, h.Ctx.FdFilestatSetTimes(fd, 0, 0, (uint)(Fstflags.Mtim | Fstflags.MtimNow)));
        Assert.Equal(Errno.Inval, h.Ctx.FdFilestatSetTimes(fd, 0, 0, (uint)(Fstflags.Atim | Fstflags.AtimNow)));
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatSetTimes(fd, 0, 0, (uint)Fstflags.AtimNow));
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatSetSize(fd, 0));
        Assert.Equal(0, new FileInfo(h.Host("s")).Length);
    }

    [Fact]
    public void AllocateGrowsButNeverShrinks()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("al", Oflags.Creat, All);
        Assert.Equal(Errno.Success, h.Ctx.FdAllocate(fd, 0, 100));
        Assert.Equal(100, new FileInfo(h.Host("al")).Length);
        Assert.Equal(Errno.Success, h.Ctx.FdAllocate(fd, 10, 20));
        Assert.Equal(100, new FileInfo(h.Host("al")).Length);
        Assert.Equal(Errno.Success, h.Ctx.FdAllocate(fd, 90, 20));
        Assert.Equal(110, new FileInfo(h.Host("al")).Length);
    }

    [Fact]
    public void AdviseSyncAndDatasync()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("ad", Oflags.Creat, All);
        foreach (var a in Enum.GetValues<Advice>()) Assert.Equal(Errno.Success, h.Ctx.FdAdvise(fd, 0, 50, (uint)a));
        Assert.Equal(Errno.Inval, h.Ctx.FdAdvise(fd, 0, 50, 6));
        Assert.Equal(Errno.Success, h.Ctx.FdSync(fd));
        Assert.Equal(Errno.Success, h.Ctx.FdDatasync(fd));
        Assert.Equal(Errno.Success, h.Ctx.FdSync(1));
    }

    [Fact]
    public void TruncAndExclAndCreat()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("t"), "data");
        Assert.Equal(Errno.Exist, h.Open("t", Oflags.Creat | Oflags.Excl).Errno);
        h.OpenOk("t", Oflags.Trunc, Rights.FdWrite);
        Assert.Equal(0, new FileInfo(h.Host("t")).Length);
        Assert.Equal(Errno.NoEnt, h.Open("missing").Errno);
        Assert.Equal(Errno.NotDir, h.Open("t", Oflags.Directory).Errno);
    }

    [Fact]
    public void DirectoriesOpenReadOnlyAndKeepOnlyDirectoryRights()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("d"));
        int fd = h.OpenOk("d", Oflags.Directory, Rights.FdRead | Rights.PathOpen);
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(fd, 100));
        Assert.Equal((byte)Filetype.Directory, h.U8(100));
        Assert.Equal((ulong)Rights.PathOpen, h.U64(108)); // file rights are dropped on a directory
        Assert.Equal(Errno.NotCapable, h.Read(fd, 1).Item1);
        Assert.Equal(Errno.IsDir, h.Open("d", Oflags.Directory, Rights.FdRead | Rights.FdWrite).Errno);
        Assert.Equal(Errno.IsDir, h.Open("d", rights: Rights.FdWrite).Errno);
        Assert.Equal(Errno.IsDir, h.Open("d", Oflags.Trunc, Rights.FdWrite).Errno);
        h.OpenOk(".", fdflags: Fdflags.Nonblock, rights: Rights.None);
    }

    [Fact]
    public void DanglingFdStillWorksAfterUnlink()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk("gone", Oflags.Creat, All);
        Assert.Equal(Errno.Success, h.Ctx.PathUnlinkFile(WasiHarness.Root, h.Str("gone").Ptr, 4));
        Assert.Equal((Errno.Success, 3u), h.Write(fd, "abc"u8.ToArray()));
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatGet(fd, 100));
        Assert.Equal(0UL, h.U64(124)); // no links left
        Assert.False(File.Exists(h.Host("gone")));
        Assert.Equal("", Encoding.UTF8.GetString(h.Stdout.ToArray()));
    }
}
