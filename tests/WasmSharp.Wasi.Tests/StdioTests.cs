using System.Text;

namespace WasmSharp.Wasi.Tests;

public class StdioTests
{
    [Fact]
    public void FdWriteGathersEveryIovecToStdout()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.WriteHelloWorldGathered(1));
        Assert.Equal(12u, h.U32(WasiHarness.Result));
        Assert.Equal("hello, world", Encoding.UTF8.GetString(h.Stdout.ToArray()));
    }

    [Fact]
    public void StderrIsSeparate()
    {
        using var h = new WasiHarness();
        h.Write(2, "oops"u8.ToArray());
        Assert.Equal("oops", Encoding.UTF8.GetString(h.Stderr.ToArray()));
        Assert.Empty(h.Stdout.ToArray());
    }

    [Fact]
    public void StdinReadsTheConfiguredStream()
    {
        using var h = new WasiHarness();
        var (e, data) = h.Read(0, 3);
        Assert.Equal(Errno.Success, e);
        Assert.Equal("inp"u8.ToArray(), data);
        (e, data) = h.Read(0, 100);
        Assert.Equal("ut"u8.ToArray(), data);
        (e, data) = h.Read(0, 100);
        Assert.Empty(data);
    }

    [Fact]
    public void WrongDirectionAndBadFds()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.NotCapable, h.Write(0, [1]).Item1);
        Assert.Equal(Errno.NotCapable, h.Read(1, 1).Item1);
        Assert.Equal(Errno.Badf, h.Write(99, [1]).Item1);
        Assert.Equal(Errno.Badf, h.Write(-1, [1]).Item1);
    }

    [Fact]
    public void IovecOutsideMemoryIsEfaultAndWritesNothing()
    {
        using var h = new WasiHarness();
        h.SetU32(64, 9000); h.SetU32(68, 5);
        h.SetU32(72, 65530); h.SetU32(76, 100);
        Assert.Equal(Errno.Fault, h.Ctx.FdWrite(1, 64, 2, WasiHarness.Result));
        Assert.Empty(h.Stdout.ToArray());
    }

    [Fact]
    public void TooManyIovecsIsEinvalAndAHugeCountIsNotAnOverflow()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Inval, h.Ctx.FdWrite(1, 64, 1025, WasiHarness.Result));
        Assert.Equal(Errno.Inval, h.Ctx.FdWrite(1, 64, uint.MaxValue, WasiHarness.Result));
        Assert.Equal(Errno.Fault, h.Ctx.PollOneoff(64, 128, uint.MaxValue, WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdWrite(1, 64, 0, WasiHarness.Result));
        Assert.Equal(0u, h.U32(WasiHarness.Result));
    }

    [Fact]
    public void EmbedderStreamsAreNotTerminalsAndCannotSeek()
    {
        // a character device without seek rights is what wasi-libc's isatty calls a terminal (and line-buffers)
        using var h = new WasiHarness();
        for (int fd = 0; fd < 3; fd++)
        {
            Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(fd, 100));
            Assert.Equal((byte)Filetype.Unknown, h.U8(100));
            Assert.Equal(0UL, h.U64(108) & (ulong)(Rights.FdSeek | Rights.FdTell));
        }
        Assert.Equal(Errno.NotCapable, h.Ctx.FdSeek(1, 0, 0, WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatGet(1, 100));
        Assert.Equal((byte)Filetype.Unknown, h.U8(116));
    }

    [Fact]
    public void ClosingStdoutClosesOnlyTheGuestsEntry()
    {
        var host = new MemoryStream();
        using (var h = new WasiHarness(c => c.Stdout = host))
        {
            Assert.Equal(Errno.Success, h.Ctx.FdClose(1));
            Assert.Equal(Errno.Badf, h.Write(1, [1]).Item1);
            Assert.Equal(Errno.Badf, h.Ctx.FdClose(1));
        }
        host.WriteByte(1); // still open after the guest closed it and the context was disposed
        Assert.Equal(1, host.Length);
    }

    [Fact]
    public void ClosingInheritedStdioLeavesTheHostsOpen()
    {
        using (var h = new WasiHarness(c => { c.Stdout = null; c.Stderr = null; c.InheritStdout = true; c.InheritStderr = true; }))
        {
            Assert.Equal(Errno.Success, h.Ctx.FdClose(1));
            Assert.Equal(Errno.Success, h.Ctx.FdClose(2));
        }
        Console.Out.Flush(); // would throw if the host's stdout had been closed
        using var s = Console.OpenStandardError();
        s.Write(""u8);
    }

    [Fact]
    public void RenumberMovesAnEntry()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.FdRenumber(2, 1));
        h.Write(1, "x"u8.ToArray());
        Assert.Equal("x", Encoding.UTF8.GetString(h.Stderr.ToArray()));
        Assert.Equal(Errno.Badf, h.Write(2, [1]).Item1);
        Assert.Equal(Errno.Badf, h.Ctx.FdRenumber(2, 1));
        Assert.Equal(Errno.Badf, h.Ctx.FdRenumber(1, 7));
    }
}
