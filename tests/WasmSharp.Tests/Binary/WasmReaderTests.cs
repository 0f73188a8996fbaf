using WasmSharp.Binary;

namespace WasmSharp.Tests.Binary;

public class WasmReaderTests
{
    private static uint U32(params byte[] b) { var r = new WasmReader(b); var v = r.ReadU32(); Assert.True(r.AtEnd); return v; }
    private static int S32(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS32(); Assert.True(r.AtEnd); return v; }
    private static long S64(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS64(); Assert.True(r.AtEnd); return v; }
    private static long S33(params byte[] b) { var r = new WasmReader(b); var v = r.ReadS33(); Assert.True(r.AtEnd); return v; }

    private static string Error(Func<object> read) => Assert.Throws<MalformedModuleException>(() => read()).Reason;

    [Fact]
    public void U32Values()
    {
        Assert.Equal(0u, U32(0x00));
        Assert.Equal(127u, U32(0x7F));
        Assert.Equal(128u, U32(0x80, 0x01));
        Assert.Equal(0u, U32(0x80, 0x80, 0x80, 0x80, 0x00)); // over-long but within 5 bytes is allowed
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    [Fact]
    public void U32Limits()
    {
        Assert.Equal("integer too large", Error(() => U32(0xFF, 0xFF, 0xFF, 0xFF, 0x1F)));
        Assert.Equal("integer representation too long", Error(() => U32(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)));
        Assert.Equal("unexpected end", Error(() => U32(0x80, 0x80)));
    }

    [Fact]
    public void S32Values()
    {
        Assert.Equal(-1, S32(0x7F));
        Assert.Equal(63, S32(0x3F));
        Assert.Equal(-64, S32(0x40));
        Assert.Equal(int.MinValue, S32(0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(int.MaxValue, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
        Assert.Equal(-1, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
    }

    [Fact]
    public void S32Limits()
    {
        Assert.Equal("integer too large", Error(() => S32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        Assert.Equal("integer too large", Error(() => S32(0x80, 0x80, 0x80, 0x80, 0x70)));
        Assert.Equal("integer representation too long", Error(() => S32(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)));
    }

    [Fact]
    public void S64Values()
    {
        Assert.Equal(-1L, S64(0x7F));
        Assert.Equal(long.MinValue, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(long.MaxValue, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        Assert.Equal("integer too large", Error(() => S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)));
        Assert.Equal("integer representation too long", Error(() => S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)));
    }

    [Fact]
    public void S33Values()
    {
        Assert.Equal(-64L, S33(0x40));
        Assert.Equal(5L, S33(0x05));
        Assert.Equal((long)uint.MaxValue, S33(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        Assert.Equal(-(1L << 32), S33(0x80, 0x80, 0x80, 0x80, 0x70));
        Assert.Equal("integer too large", Error(() => S33(0xFF, 0xFF, 0xFF, 0xFF, 0x1F)));
    }

    [Fact]
    public void NamesMustBeUtf8()
    {
        var ok = new WasmReader([0x03, (byte)'a', 0xC3, 0xA9]);
        Assert.Equal("aé", ok.ReadName());
        Assert.Equal("malformed UTF-8 encoding", Error(() => { var r = new WasmReader([0x02, 0xC3, 0x28]); return r.ReadName(); }));
        Assert.Equal("unexpected end", Error(() => { var r = new WasmReader([0x05, 0x61]); return r.ReadName(); }));
    }
}
