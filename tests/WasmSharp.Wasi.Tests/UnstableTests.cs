namespace WasmSharp.Wasi.Tests;

/// <summary>The differences of the older <c>wasi_unstable</c> module.</summary>
public class UnstableTests
{
    [Theory]
    [InlineData(0u, Whence.Cur)]
    [InlineData(1u, Whence.End)]
    [InlineData(2u, Whence.Set)]
    public void WhenceIsRenumbered(uint unstable, Whence preview1) => Assert.Equal((uint)preview1, WasiContext.UnstableWhence(unstable));

    [Fact]
    public void FilestatHas32BitLinkCountAndIs56Bytes()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "12345");
        int fd = h.OpenOk("f");
        h.Memory.GetSpan(100, 80).Fill(0xEE);
        Assert.Equal(Errno.Success, h.Ctx.FdFilestatGet(fd, 100, unstableLayout: true));
        Assert.Equal((byte)Filetype.RegularFile, h.U8(116));
        Assert.Equal(1u, h.U32(120));
        Assert.Equal(5UL, h.U64(124));
        Assert.NotEqual(0UL, h.U64(148)); // ctim, the last field
        Assert.Equal(0xEE, h.U8(156));     // nothing written past 56 bytes
        var (p, l) = h.Str("f");
        Assert.Equal(Errno.Success, h.Ctx.PathFilestatGet(WasiHarness.Root, 0, p, l, 200, unstableLayout: true));
        Assert.Equal(5UL, h.U64(224));
    }

    [Fact]
    public void PollSubscriptionsAre56BytesWithAnIdentifier()
    {
        using var h = new WasiHarness();
        const uint In = 20000, Out = 30000;
        h.Memory.GetSpan(In, 112).Clear();
        h.SetU64(In, 5);                 // userdata
        h.SetU64(In + 16, 0xABCD);        // identifier
        h.SetU32(In + 24, (uint)ClockId.Monotonic);
        h.SetU64(In + 32, 1_000_000);     // 1 ms
        h.SetU64(In + 56, 6);             // second subscription: fd_write on stdout
        h.Memory.GetSpan(In + 56 + 8, 1)[0] = (byte)EventType.FdWrite;
        h.SetU32(In + 56 + 16, 1);
        Assert.Equal(Errno.Success, h.Ctx.PollOneoff(In, Out, 2, WasiHarness.Result, unstableLayout: true));
        Assert.Equal(1u, h.U32(WasiHarness.Result));
        Assert.Equal(6UL, h.U64(Out));
        h.SetU64(In + 56 + 8, 9); // invalid tag
        Assert.Equal(Errno.Inval, h.Ctx.PollOneoff(In, Out, 2, WasiHarness.Result, unstableLayout: true));
    }
}
