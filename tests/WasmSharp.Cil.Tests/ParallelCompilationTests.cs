using System.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>The CIL compiler's eager JIT step on every core: the same results with the setting on and off, and a
/// failure reported as on one thread (the first in order).</summary>
public class ParallelCompilationTests
{
    private static byte[] Generated(int count)
    {
        var wat = new StringBuilder("(module\n");
        for (int i = 0; i < count; i++)
        {
            wat.Append($"(func $f{i} (export \"f{i}\") (param i32) (result i32)\n");
            wat.Append($"  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const {i}))\n");
            wat.Append($"    (else (i32.add (i32.const 1) (call $f{(i + 1) % count} (i32.sub (local.get 0) (i32.const 1)))))))\n");
        }
        return Text.Wat.ToBinary(wat.Append(')').ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PrecompiledFunctionsRunWithTheSettingOnOrOff(bool parallel)
    {
        var engine = new Engine(new CilCompiler { LazyThreshold = int.MaxValue, PrecompileToMachineCode = true },
            new EngineConfig { ParallelCompilation = parallel });
        var module = Module.FromBytes(engine, Generated(200));
        var instance = new Linker().Instantiate(new Store(engine), module);
        // f3(5) walks f3 .. f8: 5 + 8
        Assert.Equal(13, instance.GetFunction<int, int>("f3")(5));
        // f199(1) = 1 + f0(0): the call wraps to the first function
        Assert.Equal(1, instance.GetFunction<int, int>("f199")(1));
    }

    [Fact]
    public void TheFirstFailureInOrderIsReportedWhicheverThreadHitsItFirst()
    {
        for (int run = 0; run < 20; run++)
        {
            var e = Assert.Throws<InvalidOperationException>(() => CilCompiler.ForEachInOrder(200, 4, i =>
            {
                // the later failure comes first in time
                if (i == 150) throw new InvalidOperationException("150");
                if (i == 40) { Thread.Sleep(5); throw new InvalidOperationException("40"); }
            }));
            Assert.Equal("40", e.Message);
        }
    }

    [Fact]
    public void EveryIndexRunsOnceWithoutAFailure()
    {
        var seen = new int[1000];
        CilCompiler.ForEachInOrder(seen.Length, 4, i => Interlocked.Increment(ref seen[i]));
        Assert.All(seen, n => Assert.Equal(1, n));
        var serial = new List<int>();
        CilCompiler.ForEachInOrder(5, 1, serial.Add);
        Assert.Equal([0, 1, 2, 3, 4], serial);
    }
}

/// <summary>RyuJIT compiling an eagerly emitted module on a background thread while it runs (<see cref="BackgroundJit"/>).</summary>
public class BackgroundJitTests
{
    [Fact]
    public void FunctionsRunWhileTheBackgroundThreadCompilesThem()
    {
        for (int run = 0; run < 5; run++)
        {
            var engine = new Engine(new CilCompiler { LazyThreshold = int.MaxValue, CompileInBackground = true });
            var wat = new System.Text.StringBuilder("(module\n");
            for (int i = 0; i < 300; i++)
                wat.Append($"(func $f{i} (export \"f{i}\") (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const {i})) (else (i32.add (i32.const 1) (call $f{(i + 1) % 300} (i32.sub (local.get 0) (i32.const 1)))))))\n");
            var module = Module.FromBytes(engine, Text.Wat.ToBinary(wat.Append(')').ToString()));
            var instance = new Linker().Instantiate(new Store(engine), module);
            // called at once, while the background thread compiles the same functions (it starts from f299):
            // f299, then f0 .. f10, which returns 10
            Assert.Equal(11 + 10, instance.GetFunction<int, int>("f299")(11));
        }
    }

    [Fact]
    public void TheOrderIsBreadthFirstFromTheStartAndTheExportsThenTheRest()
    {
        // imports 1; defined 0..5 are functions 1..6; start = 3 (defined 2), export "e" = 5 (defined 4)
        var module = WasmSharp.Binary.ModuleDecoder.Decode(Text.Wat.ToBinary("""
            (module
              (import "m" "i" (func $i))
              (func $d0) (func $d1) (func $d2) (func $d3) (func $d4 (export "e")) (func $d5)
              (start $d2))
            """));
        var jit = new BackgroundJit(6);
        jit.Begin(0);
        jit.Begin(1);
        jit.Begin(2); jit.AddCall(3); jit.AddCall(0); jit.AddCall(3);
        jit.Begin(3); jit.AddCall(1);
        jit.Begin(4); jit.AddCall(2);
        jit.Begin(5);
        // d2 (start), d4 (export); d2's callees d3, d0; d4's d2 (seen); d3's d1; then d5
        Assert.Equal([2, 4, 3, 0, 1, 5], jit.Order(module));
    }
}
