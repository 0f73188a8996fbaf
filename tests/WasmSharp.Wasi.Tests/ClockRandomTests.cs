namespace WasmSharp.Wasi.Tests;

public class ClockRandomTests
{
    [Theory]
    [InlineData(ClockId.Realtime)]
    [InlineData(ClockId.Monotonic)]
    [InlineData(ClockId.ProcessCputimeId)]
    [InlineData(ClockId.ThreadCputimeId)]
    public void EveryClockHasTimeAndResolution(ClockId id)
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.ClockResGet((uint)id, WasiHarness.Result));
        Assert.InRange(h.U64(WasiHarness.Result), 1UL, 1_000_000_000UL);
        Assert.Equal(Errno.Success, h.Ctx.ClockTimeGet((uint)id, 1, WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.ClockTimeGet((uint)id, 0, WasiHarness.Result2));
        Assert.True(h.U64(WasiHarness.Result2) >= h.U64(WasiHarness.Result) || id == ClockId.Realtime);
    }

    [Fact]
    public void RealtimeIsTheUnixEpochInNanoseconds()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.ClockTimeGet((uint)ClockId.Realtime, 0, WasiHarness.Result));
        long ns = (long)h.U64(WasiHarness.Result);
        long expected = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.InRange(ns, expected - 5_000_000_000, expected + 5_000_000_000);
    }

    [Fact]
    public void MonotonicAdvances()
    {
        using var h = new WasiHarness();
        h.Ctx.ClockTimeGet((uint)ClockId.Monotonic, 0, WasiHarness.Result);
        Thread.Sleep(5);
        h.Ctx.ClockTimeGet((uint)ClockId.Monotonic, 0, WasiHarness.Result2);
        Assert.True(h.U64(WasiHarness.Result2) - h.U64(WasiHarness.Result) >= 4_000_000);
    }

    [Fact]
    public void UnknownClockIsEinval()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Inval, h.Ctx.ClockTimeGet(4, 0, WasiHarness.Result));
        Assert.Equal(Errno.Inval, h.Ctx.ClockResGet(99, WasiHarness.Result));
    }

    [Fact]
    public void RandomGetFillsTheBuffer()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.RandomGet(20000, 4096));
        Assert.True(h.Bytes(20000, 4096).Count(b => b != 0) > 3000);
        Assert.Equal(Errno.Success, h.Ctx.RandomGet(0, 0));
        Assert.Equal(Errno.Fault, h.Ctx.RandomGet(65000, 1000));
    }
}
