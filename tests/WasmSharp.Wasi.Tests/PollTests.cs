using System.Diagnostics;

namespace WasmSharp.Wasi.Tests;

public class PollTests
{
    private const uint In = 20000, Out = 30000;

    private static void Clock(WasiHarness h, int i, ulong userdata, ulong timeoutNs, ClockId id = ClockId.Monotonic, bool abs = false)
    {
        uint p = In + (uint)i * 48;
        h.Memory.GetSpan(p, 48).Clear();
        h.SetU64(p, userdata);
        h.Memory.GetSpan(p + 8, 1)[0] = 0;
        h.SetU32(p + 16, (uint)id);
        h.SetU64(p + 24, timeoutNs);
        h.Memory.GetSpan(p + 40, 2)[0] = abs ? (byte)1 : (byte)0;
    }

    private static void FdSub(WasiHarness h, int i, ulong userdata, EventType type, int fd)
    {
        uint p = In + (uint)i * 48;
        h.Memory.GetSpan(p, 48).Clear();
        h.SetU64(p, userdata);
        h.Memory.GetSpan(p + 8, 1)[0] = (byte)type;
        h.SetU32(p + 16, (uint)fd);
    }

    [Fact]
    public void RelativeClockSleeps()
    {
        using var h = new WasiHarness();
        Clock(h, 0, 77, 20_000_000);
        var sw = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 1, WasiHarness.Result));
        Assert.True(sw.ElapsedMilliseconds >= 19);
        Assert.Equal(1u, h.U32(WasiHarness.Result));
        Assert.Equal(77UL, h.U64(Out));
        Assert.Equal(0, h.U16(Out + 8));
        Assert.Equal((byte)EventType.Clock, h.U8(Out + 10));
    }

    [Fact]
    public void AbsoluteClockInThePastFiresAtOnce()
    {
        using var h = new WasiHarness();
        Clock(h, 0, 1, 1, ClockId.Realtime, abs: true);
        var sw = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 1, WasiHarness.Result));
        Assert.True(sw.ElapsedMilliseconds < 1000);
        Assert.Equal(1u, h.U32(WasiHarness.Result));
    }

    [Fact]
    public void ReadyDescriptorsWinOverALongTimeout()
    {
        using var h = new WasiHarness();
        Clock(h, 0, 1, 60_000_000_000);
        FdSub(h, 1, 2, EventType.FdWrite, 1);
        FdSub(h, 2, 3, EventType.FdRead, 0);
        FdSub(h, 3, 4, EventType.FdRead, 99);
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 4, WasiHarness.Result));
        Assert.Equal(3u, h.U32(WasiHarness.Result));
        Assert.Equal(2UL, h.U64(Out));
        Assert.Equal((byte)EventType.FdWrite, h.U8(Out + 10));
        Assert.Equal(3UL, h.U64(Out + 32));
        Assert.Equal(4UL, h.U64(Out + 64));
        Assert.Equal((ushort)Errno.Badf, h.U16(Out + 64 + 8));
    }

    [Fact]
    public void FileReadReportsBytesLeft()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "0123456789");
        int fd = h.OpenOk("f", rights: Rights.FdRead | Rights.PollFdReadwrite);
        h.Read(fd, 4);
        FdSub(h, 0, 9, EventType.FdRead, fd);
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 1, WasiHarness.Result));
        Assert.Equal(6UL, h.U64(Out + 16));
    }

    [Fact]
    public void InheritedStdinIsWaitedOnWithPoll()
    {
        using var h = new WasiHarness();
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        int readFd = (int)reader.SafePipeHandle.DangerousGetHandle();
        h.Ctx.Fds.Set(0, Descriptors.InheritedStdio.Open(readFd, readable: true));

        // nothing to read: the clock fires, the read does not
        Clock(h, 0, 1, 30_000_000);
        FdSub(h, 1, 2, EventType.FdRead, 0);
        var sw = Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 2, WasiHarness.Result));
        Assert.True(sw.ElapsedMilliseconds >= 25);
        Assert.Equal(1u, h.U32(WasiHarness.Result));
        Assert.Equal(1UL, h.U64(Out));

        // data arrives: the read is reported at once
        pipe.WriteByte(42);
        pipe.Flush();
        Clock(h, 0, 1, 60_000_000_000);
        sw.Restart();
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 2, WasiHarness.Result));
        Assert.True(sw.ElapsedMilliseconds < 5000);
        Assert.Equal(1u, h.U32(WasiHarness.Result));
        Assert.Equal(2UL, h.U64(Out));
        Assert.Equal((byte)EventType.FdRead, h.U8(Out + 10));
        Assert.Equal([(byte)42], h.Read(0, 10).Item2);

        // the writer goes away: hang-up
        pipe.Dispose();
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 2, WasiHarness.Result));
        Assert.Equal(2UL, h.U64(Out));
        Assert.Equal(1, h.U16(Out + 24));
    }

    [Fact]
    public void NoSubscriptionsIsEinval()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Inval, h.Ctx.PollOneoff(In, Out, 0, WasiHarness.Result));
    }
}
