using System.Text;

namespace WasmSharp.Wasi.Tests;

public class ArgsEnvironTests
{
    [Fact]
    public void ArgsSizesAndValues()
    {
        using var h = new WasiHarness(c => c.WithArgs("prog.wasm", "first", "the \"second\" arg", "ü"));
        Assert.Equal(Errno.Success, h.Ctx.ArgsSizesGet(WasiHarness.Result, WasiHarness.Result2));
        Assert.Equal(4u, h.U32(WasiHarness.Result));
        int expectedBytes = new[] { "prog.wasm", "first", "the \"second\" arg", "ü" }.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        Assert.Equal((uint)expectedBytes, h.U32(WasiHarness.Result2));

        Assert.Equal(Errno.Success, h.Ctx.ArgsGet(100, 9000));
        var args = Enumerable.Range(0, 4).Select(i => CString(h, h.U32(100 + (uint)i * 4))).ToArray();
        Assert.Equal(["prog.wasm", "first", "the \"second\" arg", "ü"], args);
    }

    [Fact]
    public void EnvironIsExactlyTheConfiguredOne()
    {
        using var h = new WasiHarness(c => c.WithEnv("a", "text").WithEnv("b", "escap \" ing").WithEnv("c", "new\nline"));
        Assert.Equal(Errno.Success, h.Ctx.EnvironSizesGet(WasiHarness.Result, WasiHarness.Result2));
        Assert.Equal(3u, h.U32(WasiHarness.Result));
        Assert.Equal(Errno.Success, h.Ctx.EnvironGet(100, 9000));
        Assert.Equal("a=text", CString(h, h.U32(100)));
        Assert.Equal("b=escap \" ing", CString(h, h.U32(104)));
        Assert.Equal("c=new\nline", CString(h, h.U32(108)));
    }

    [Fact]
    public void InheritedEnvironmentIsOptIn()
    {
        var config = new WasiConfig().WithInheritedEnvironment();
        Assert.Contains(config.Environment, kv => kv.Key == "PATH");
        Assert.Empty(new WasiConfig().Environment);
    }

    [Fact]
    public void EmptyArgsAndEnviron()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Ctx.EnvironSizesGet(WasiHarness.Result, WasiHarness.Result2));
        Assert.Equal(0u, h.U32(WasiHarness.Result));
        Assert.Equal(0u, h.U32(WasiHarness.Result2));
        Assert.Equal(Errno.Success, h.Ctx.ArgsSizesGet(WasiHarness.Result, WasiHarness.Result2));
        Assert.Equal(0u, h.U32(WasiHarness.Result));
    }

    [Fact]
    public void PointersOutsideMemoryAreEfault()
    {
        using var h = new WasiHarness(c => c.WithArgs("p"));
        Assert.Equal(Errno.Fault, h.Ctx.ArgsSizesGet(65534, 0));
        Assert.Equal(Errno.Fault, h.Ctx.ArgsGet(0, 65535));
    }

    internal static string CString(WasiHarness h, uint ptr)
    {
        var span = h.Memory.Span[(int)ptr..];
        return Encoding.UTF8.GetString(span[..span.IndexOf((byte)0)]);
    }
}
