namespace WasmSharp.Wasi.Tests;

public class ProcSockTests
{
    [Fact]
    public void ProcExitThrowsWithTheCode()
    {
        using var h = new WasiHarness();
        var e = Assert.Throws<WasiExitException>(() => h.Ctx.ProcExit(33));
        Assert.Equal(33, e.ExitCode);
        Assert.Equal(33, h.Ctx.ExitCode);
    }

    [Fact]
    public void ProcRaiseIsUnsupportedAndSchedYieldSucceeds()
    {
        Assert.Equal(Errno.NotSup, WasiContext.ProcRaise(9));
        Assert.Equal(Errno.Success, WasiContext.SchedYield());
    }

    [Fact]
    public void SocketCallsOnAClosedFdAreEbadf()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Badf, h.Ctx.SockShutdown(42, 3));
        Assert.Equal(Errno.Badf, h.Ctx.SockAccept(42, 0, 0));
        Assert.Equal(Errno.Badf, h.Ctx.SockRecv(42, 0, 0, 0, 0, 0));
        Assert.Equal(Errno.Badf, h.Ctx.SockSend(42, 0, 0, 0, 0));
    }

    [Fact]
    public void SocketCallsOnAFileOrStreamAreEnotsock()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.NotSock, h.Ctx.SockShutdown(1, 3));
        Assert.Equal(Errno.NotSock, h.Ctx.SockShutdown(WasiHarness.Root, 3));
        Assert.Equal(Errno.NotSock, h.Ctx.SockAccept(0, 0, 0));
        Assert.Equal(Errno.NotSock, h.Ctx.SockRecv(0, 0, 0, 0, 0, 0));
        Assert.Equal(Errno.NotSock, h.Ctx.SockSend(1, 0, 0, 0, 0));
    }
}
