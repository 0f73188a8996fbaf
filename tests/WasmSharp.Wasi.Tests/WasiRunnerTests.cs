using WasmSharp.Singlepass;
using WasmSharp.Text;

namespace WasmSharp.Wasi.Tests;

/// <summary>The run path: commands without memory, reactors' <c>_initialize</c>.</summary>
public class WasiRunnerTests
{
    private static Module Compile(string wat) => Module.FromBytes(new Engine(new SinglepassCompiler()), Wat.ToBinary(wat));

    [Fact]
    public void ACommandWithoutExportedMemoryRuns()
    {
        using var module = Compile("""
            (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (func (export "_start") (call $exit (i32.const 9))))
            """);
        Assert.Equal(9, WasiRunner.Run(module, new WasiConfig()));
    }

    [Fact]
    public void AWasiCallNeedingMemoryThenSaysSo()
    {
        using var module = Compile("""
            (module (import "wasi_snapshot_preview1" "args_sizes_get" (func $f (param i32 i32) (result i32)))
              (func (export "_start") (drop (call $f (i32.const 0) (i32.const 4)))))
            """);
        var e = Assert.Throws<InvalidOperationException>(() => WasiRunner.Run(module, new WasiConfig()));
        Assert.Contains("exports no \"memory\"", e.Message);
    }

    [Fact]
    public void InitializeCallsTheReactorsInitializerOnce()
    {
        using var module = Compile("""
            (module (global $n (mut i32) (i32.const 0))
              (func (export "_initialize") (global.set $n (i32.add (global.get $n) (i32.const 1))))
              (func (export "count") (result i32) (global.get $n)))
            """);
        using var store = new Store(module.Engine);
        using var wasi = new WasiContext(new WasiConfig());
        var instance = WasiRunner.Instantiate(store, module, wasi);
        Assert.Equal(0, instance.GetFunction("count")!.Invoke()[0].AsInt32());
        WasiRunner.Initialize(instance);
        Assert.Equal(1, instance.GetFunction("count")!.Invoke()[0].AsInt32());
    }

    [Fact]
    public void InitializeIsNothingForACommand()
    {
        using var module = Compile("""(module (memory (export "memory") 1) (func (export "_start") unreachable))""");
        using var store = new Store(module.Engine);
        using var wasi = new WasiContext(new WasiConfig());
        WasiRunner.Initialize(WasiRunner.Instantiate(store, module, wasi)); // _start is not called: it would trap
    }
}
