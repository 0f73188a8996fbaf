using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The public API and the runtime's guarantees: traps with backtraces, host exceptions, re-entrancy,
/// stack exhaustion, interruption, memory growth.</summary>
public class RuntimeTests
{
    [Fact]
    public void TypedCallsOfExports()
    {
        var instance = Wasm.Instantiate("""
            (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                    (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
                    (func (export "half") (param f64) (result f64) local.get 0 f64.const 0.5 f64.mul))
            """);
        Assert.Equal(3, instance.GetFunction<int, int, int>("add")(1, 2));
        Assert.Equal(-6L, instance.GetFunction<long, long, long>("mul64")(2, -3));
        Assert.Equal(1.25, instance.GetFunction<double, double>("half")(2.5));
        Assert.Equal(7, instance.GetFunction("add")!.Invoke(3, 4)[0].AsInt32());
        Assert.Throws<ArgumentException>(() => instance.GetFunction<long, int>("add"));
    }

    [Fact]
    public void TrapsCarryKindAndWasmBacktraceWithNames()
    {
        var engine = Wasm.Engine();
        var bytes = Wasm.WithFunctionNames(WasmSharp.Text.Wat.ToBinary("""
            (module
              (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
              (func $outer (export "run") (param i32) (result i32) local.get 0 call $inner))
            """), "inner", "outer");
        var instance = new Linker().Instantiate(new Store(engine), Module.FromBytes(engine, bytes));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("run")(5));
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal(["inner", "outer"], trap.WasmStackTrace.Select(f => f.FunctionName));
        Assert.Contains("integer divide by zero", trap.Message);
    }

    private sealed class HostFailure : Exception;

    [Fact]
    public void HostExceptionsPropagateUnchanged()
    {
        var linker = new Linker().DefineFunction("env", "fail", (int x) => x > 0 ? throw new HostFailure() : x);
        var instance = Wasm.Instantiate("""
            (module (import "env" "fail" (func $fail (param i32) (result i32)))
                    (func (export "run") (param i32) (result i32) local.get 0 call $fail i32.const 1 i32.add))
            """, linker);
        var run = instance.GetFunction<int, int>("run");
        Assert.Throws<HostFailure>(() => run(1));
        Assert.Equal(1, run(0)); // the store is usable after the exception
    }

    [Fact]
    public void ReentrancyWasmHostWasmHost()
    {
        var store = new Store(Wasm.Engine());
        var linker = new Linker();
        Function? back = null;
        int depth = 0;
        linker.DefineFunction("env", "host", (int n) =>
        {
            depth++;
            return n <= 0 ? 0 : 1 + back!.Invoke(n - 1)[0].AsInt32();
        });
        var instance = Wasm.Instantiate("""
            (module (import "env" "host" (func $host (param i32) (result i32)))
                    (func (export "wasm") (param i32) (result i32) local.get 0 call $host))
            """, linker, store);
        back = instance.GetFunction("wasm");
        Assert.Equal(10, instance.GetFunction<int, int>("wasm")(10));
        Assert.Equal(11, depth);
    }

    [Fact]
    public void DeepRecursionTrapsCallStackExhausted()
    {
        var instance = Wasm.Instantiate("""
            (module (func $f (export "f") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $f))
            """);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<long, long>("f")(0));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        // and again: the unwind left the store consistent
        Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => instance.GetFunction<long, long>("f")(0)).Kind);
    }

    [Fact]
    public void StackBudgetIsConfigurable()
    {
        const string wat = """
            (module (func $f (export "f") (param i32) (result i32)
              local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $f i32.const 1 i32.add end))
            """;
        var small = Wasm.Instantiate(wat, store: new Store(Wasm.Engine(stack: 64 * 1024)));
        Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => small.GetFunction<int, int>("f")(100_000)).Kind);
        var large = Wasm.Instantiate(wat, store: new Store(Wasm.Engine(stack: 8 << 20)));
        Assert.Equal(1000, large.GetFunction<int, int>("f")(1000));
    }

    [Fact]
    public void AnotherThreadCanInterruptAnInfiniteLoop()
    {
        var store = new Store(Wasm.Engine());
        var instance = Wasm.Instantiate("(module (func (export \"spin\") (loop br 0)))", store: store);
        using var timer = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("spin")());
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
        // the next call runs normally
        var ok = Wasm.Instantiate("(module (func (export \"one\") (result i32) i32.const 1))", store: store);
        Assert.Equal(1, ok.GetFunction<int>("one")());
    }

    [Fact]
    public void MemoryGrowsWithoutMovingAndHonoursItsMaximum()
    {
        var instance = Wasm.Instantiate("""
            (module (memory (export "mem") 1 3)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
              (func (export "load") (param i32) (result i32) local.get 0 i32.load))
            """);
        var mem = instance.GetMemory("mem")!;
        nint basePtr = mem.BasePointer;
        Assert.Equal(1, instance.GetFunction<int, int>("grow")(1));
        Assert.Equal(2u, mem.Pages);
        Assert.Equal(-1, instance.GetFunction<int, int>("grow")(2));
        Assert.Equal(basePtr, mem.BasePointer);
        instance.GetAction<int, int>("store")(131072 - 4, 0x1234);
        Assert.Equal(0x1234, mem.Read<int>(131072 - 4));
        mem.Write(8, 77);
        Assert.Equal(77, instance.GetFunction<int, int>("load")(8));
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("load")(131072 - 3)).Kind);
        Assert.Equal(3, mem.Grow(1) + 1);
        Assert.Equal(-1, mem.Grow(1));
    }

    [Fact]
    public void MissingAndMismatchedImportsAreLinkErrors()
    {
        var e = Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"f\" (func)))"));
        Assert.Contains("env", e.Message);
        Assert.Contains("unknown import", e.Message);
        var linker = new Linker().DefineFunction("env", "f", (int x) => x);
        Assert.Contains("incompatible import type", Assert.Throws<LinkException>(() => Wasm.Instantiate("(module (import \"env\" \"f\" (func)))", linker)).Message);
    }
}

public class GuardPageTests
{
    private const string Wat = """
        (module (memory 1)
          (func (export "load") (param i32) (result i32) local.get 0 i32.load)
          (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store offset=4294967295))
        """;

    [Fact]
    public void FaultsInWasmAreTrapsAndFaultsInDotnetStillNullReferences()
    {
        var instance = Wasm.Instantiate(Wat);
        var load = instance.GetFunction<int, int>("load");
        object? nothing = null;
        using var cts = new CancellationTokenSource();
        // a GC-heavy thread alongside, as in platform.md's check
        var gcThread = new Thread(() => { while (!cts.IsCancellationRequested) { GC.Collect(); Thread.Sleep(1); } });
        gcThread.Start();
        for (int i = 0; i < 20_000; i++)
        {
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => load(-4 - (i & 7))).Kind);
            if (i % 1000 == 0) Assert.Throws<NullReferenceException>(() => nothing!.GetHashCode());
        }
        cts.Cancel();
        gcThread.Join();
        Assert.Equal(0, load(65532));
        var store = instance.GetAction<int, long>("store");
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => store(-1, 1)).Kind);
    }

    [Fact]
    public void ExplicitChecksRemainAvailable()
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { SignalBasedBoundsChecks = false });
        var instance = new Linker().Instantiate(new Store(engine), Module.FromBytes(engine, WasmSharp.Text.Wat.ToBinary(Wat)));
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("load")(65533)).Kind);
    }
}
