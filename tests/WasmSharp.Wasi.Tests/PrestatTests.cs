using System.Text;

namespace WasmSharp.Wasi.Tests;

public class PrestatTests
{
    [Fact]
    public void PreopensAreNumberedFromThreeWithTheirNames()
    {
        using var h = new WasiHarness(c => c.PreopenDirectory(Path.GetTempPath(), "/tmp-dir"));
        Assert.Equal(Errno.Success, h.Ctx.FdPrestatGet(3, 100));
        Assert.Equal(0, h.U8(100));
        Assert.Equal(1u, h.U32(104));
        Assert.Equal(Errno.Success, h.Ctx.FdPrestatDirName(3, 200, 1));
        Assert.Equal("/", Encoding.UTF8.GetString(h.Bytes(200, 1)));
        Assert.Equal(Errno.Success, h.Ctx.FdPrestatGet(4, 100));
        Assert.Equal(8u, h.U32(104));
        Assert.Equal(Errno.Success, h.Ctx.FdPrestatDirName(4, 200, 8));
        Assert.Equal("/tmp-dir", Encoding.UTF8.GetString(h.Bytes(200, 8)));
        Assert.Equal(Errno.NameTooLong, h.Ctx.FdPrestatDirName(4, 200, 3));
        Assert.Equal(Errno.Badf, h.Ctx.FdPrestatGet(5, 100));
        Assert.Equal(Errno.Badf, h.Ctx.FdPrestatGet(1, 100));
    }

    [Fact]
    public void PreopenRightsAreDirectoryRights()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(3, 100));
        Assert.Equal((byte)Filetype.Directory, h.U8(100));
        Assert.Equal(0, h.U16(102));
        Assert.Equal(0UL, h.U64(108) & (ulong)Rights.FdFilestatSetSize);
        Assert.NotEqual(0UL, h.U64(108) & (ulong)Rights.PathFilestatSetSize);
        Assert.NotEqual(0UL, h.U64(116) & (ulong)Rights.FdFilestatSetSize);
    }

    [Fact]
    public void OpenedDirectoryIsNotAPreopen()
    {
        using var h = new WasiHarness();
        int fd = h.OpenOk(".", Oflags.Directory);
        Assert.Equal(Errno.Badf, h.Ctx.FdPrestatGet(fd, 100));
    }

    [Fact]
    public void ClosingAndRenumberingThePreopen()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        int dup = h.OpenOk(".", Oflags.Directory, Rights.PathOpen);
        Assert.Equal(Errno.Success, h.Ctx.FdClose(3));
        Assert.Equal(Errno.Badf, h.Ctx.FdPrestatGet(3, 100));
        Assert.Equal(Errno.Badf, h.Open("f").Errno);
        Assert.Equal(3, h.OpenOk("f", dir: dup)); // the freed number is reused
        // renumbering onto a closed number fails; onto an open one replaces it
        Assert.Equal(Errno.Badf, h.Ctx.FdRenumber(dup, 10));
        Assert.Equal(Errno.Success, h.Ctx.FdRenumber(dup, 3));
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(3, 100));
        Assert.Equal((byte)Filetype.Directory, h.U8(100));
    }

    [Fact]
    public void NewDescriptorsTakeTheLowestFreeNumber()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        int a = h.OpenOk("f");
        int b = h.OpenOk("f");
        Assert.Equal(4, a);
        Assert.Equal(5, b);
        h.Ctx.FdClose(a);
        Assert.Equal(4, h.OpenOk("f"));
    }
}
