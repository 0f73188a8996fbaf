using WasmSharp.Singlepass;

namespace WasmSharp.Emscripten.Tests;

/// <summary>Which modules <c>wasmsharp run</c> hands to the Emscripten runner.</summary>
public sealed class DetectionTests
{
    private static readonly Engine Engine = new(new SinglepassCompiler());

    private static Module Load(string path) => Module.FromBytes(Engine, File.ReadAllBytes(path));

    [Fact]
    public void Every_javascript_mode_build_is_recognized()
    {
        foreach (var c in TestCase.All.Where(c => c.Mode != "standalone"))
        {
            using var m = Load(c.Wasm);
            Assert.True(EmscriptenModule.IsEmscripten(m), c.ToString());
        }
    }

    [Fact]
    public void A_standalone_build_with_env_imports_is_recognized()
    {
        using var m = Load(TestCase.Get("standalone", "random").Wasm); // imports env.getentropy besides WASI
        Assert.True(EmscriptenModule.IsEmscripten(m));
    }

    [Fact]
    public void A_plain_wasi_module_is_not()
    {
        using var m = Module.FromBytes(Engine, WasmSharp.Text.Wat.ToBinary("""
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
              (import "env" "abort" (func (param i32 i32 i32 i32)))
              (memory (export "memory") 1)
              (func (export "_start")))
            """));
        Assert.False(EmscriptenModule.IsEmscripten(m));
    }

    [Fact]
    public void The_minified_build_is_recognized_as_minified()
    {
        using var m = Load(Path.Combine(TestCase.Root, "wasm", "refused", "minified.wasm"));
        Assert.True(EmscriptenModule.IsMinified(m));
        Assert.True(EmscriptenModule.IsEmscripten(m));
    }
}
