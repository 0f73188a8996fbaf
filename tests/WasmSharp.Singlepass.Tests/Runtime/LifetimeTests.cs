using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Lifetimes that cannot be misused from safe code: disposed objects throw, native memory outlives every
/// call that can still reach it, and Interrupt after Dispose never writes.</summary>
[Collection(AddressSpaceCollection.Name)]
public class LifetimeTests
{
    private const string Counter = """
        (module (memory (export "mem") 1)
          (table (export "tab") 2 funcref)
          (global (export "g") (mut i32) (i32.const 7))
          (func (export "bump") (result i32)
            i32.const 0 i32.const 0 i32.load i32.const 1 i32.add i32.store
            i32.const 0 i32.load))
        """;

    [Fact]
    public void ModuleDisposeKeepsCodeOfLiveInstancesAndRefusesNewOnes()
    {
        var engine = Wasm.Engine();
        var module = Wasm.Compile(engine, Counter);
        using var store = new Store(engine);
        var instance = new Linker().Instantiate(store, module);
        module.Dispose();
        module.Dispose();
        Assert.True(module.IsDisposed);
        var bump = instance.GetFunction<int>("bump");
        for (int i = 1; i <= 1000; i++) Assert.Equal(i, bump());
        var e = Assert.Throws<ObjectDisposedException>(() => new Linker().Instantiate(store, module));
        Assert.Contains("module", e.Message);
        using var other = new Store(engine);
        Assert.Throws<ObjectDisposedException>(() => new Linker().Instantiate(other, module));
    }

    [Fact]
    public void EveryMemberOfADisposedStoreThrowsObjectDisposed()
    {
        var store = new Store(Wasm.Engine());
        var instance = Wasm.Instantiate(Counter, store: store);
        var bump = instance.GetFunction<int>("bump");
        var f = instance.GetFunction("bump")!;
        var mem = instance.GetMemory("mem")!;
        var tab = instance.GetTable("tab")!;
        var g = instance.GetGlobal("g")!;
        Assert.Equal(1, bump());
        store.Dispose();
        store.Dispose();
        Assert.True(store.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => bump());
        Assert.Throws<ObjectDisposedException>(() => f.Invoke());
        Assert.Throws<ObjectDisposedException>(() => mem.Read<int>(0));
        Assert.Throws<ObjectDisposedException>(() => mem.Write(0, 1));
        Assert.Throws<ObjectDisposedException>(() => mem.Length);
        Assert.Throws<ObjectDisposedException>(() => mem.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => mem.GetSpan(0, 4).Length);
        Assert.Throws<ObjectDisposedException>(() => mem.Grow(1));
        Assert.Throws<ObjectDisposedException>(() => tab.Size);
        Assert.Throws<ObjectDisposedException>(() => tab.Get(0));
        Assert.Throws<ObjectDisposedException>(() => tab.Set(0, Value.FuncRef(null)));
        Assert.Throws<ObjectDisposedException>(() => tab.Grow(1, Value.FuncRef(null)));
        Assert.Throws<ObjectDisposedException>(() => g.Value);
        Assert.Throws<ObjectDisposedException>(() => g.Value = Value.I32(1));
        Assert.Throws<ObjectDisposedException>(() => instance.GetFunction("bump"));
        Assert.Throws<ObjectDisposedException>(() => instance.Exports);
        Assert.Throws<ObjectDisposedException>(() => store.CreateMemory(new MemoryType(new Limits(1, 1))));
        Assert.Throws<ObjectDisposedException>(() => store.CreateFunction(new FuncType([], []), (_, _) => { }));
        Assert.Throws<ObjectDisposedException>(() => Wasm.Instantiate(Counter, store: store));
        store.Interrupt();
    }

    [Fact]
    public void InterruptOfADisposedStoreDoesNotReachALiveOne()
    {
        var engine = Wasm.Engine();
        var module = Wasm.Compile(engine, "(module (func (export \"f\") (result i32) i32.const 1))");
        for (int i = 0; i < 1000; i++)
        {
            var dead = new Store(engine);
            new Linker().Instantiate(dead, module);
            dead.Dispose();
            using var live = new Store(engine);
            var f = new Linker().Instantiate(live, module).GetFunction<int>("f");
            dead.Interrupt();
            Assert.Equal(1, f());
        }
    }

    [Fact]
    public void DisposeDuringACallTakesEffectWhenTheCallReturns()
    {
        using var inHost = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        var store = new Store(Wasm.Engine());
        var linker = new Linker().DefineAction("env", "wait", () =>
        {
            inHost.Set();
            Assert.True(disposed.Wait(10_000));
        });
        var instance = Wasm.Instantiate("""
            (module (import "env" "wait" (func $wait)) (memory 1)
              (func (export "run") (result i32)
                call $wait
                i32.const 64 i32.const 42 i32.store
                i32.const 64 i32.load))
            """, linker, store);
        var run = instance.GetFunction<int>("run");
        var call = Background.Run(() => run());
        Assert.True(inHost.Wait(10_000));
        // finalize earlier tests' dropped stores first, so that only this store's memory moves the count
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long reservedDuringCall = Memory.ReservedAddressSpace;
        store.Dispose();
        store.Interrupt();
        Assert.Equal(reservedDuringCall, Memory.ReservedAddressSpace);
        disposed.Set();
        // the call finishes on memory that is still there, and only then is the native state freed
        Assert.Equal(42, call.Result());
        Assert.True(Memory.ReservedAddressSpace < reservedDuringCall);
        Assert.Throws<ObjectDisposedException>(() => run());
    }

    [Fact]
    public void AHostFunctionMayDisposeItsOwnStoreAndTheCallStillFinishes()
    {
        var store = new Store(Wasm.Engine());
        var linker = new Linker().DefineAction("env", "dispose", () => store.Dispose());
        var instance = Wasm.Instantiate("""
            (module (import "env" "dispose" (func $dispose)) (memory 1)
              (func (export "run") (result i32)
                call $dispose
                i32.const 1 memory.grow drop
                i32.const 0 i32.const 7 i32.const 100 memory.fill
                i32.const 200 i32.const 0 i32.const 100 memory.copy
                i32.const 250 i32.load8_u memory.size i32.add))
            """, linker, store);
        var run = instance.GetFunction<int>("run");
        Assert.Equal(7 + 2, run());
        Assert.Throws<ObjectDisposedException>(() => run());
    }

    [Fact]
    public void ASecondThreadCannotEnterAStoreThatIsRunning()
    {
        using var inHost = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var store = new Store(Wasm.Engine());
        var linker = new Linker().DefineAction("env", "wait", () =>
        {
            inHost.Set();
            release.Wait(10_000);
        });
        var instance = Wasm.Instantiate("""
            (module (import "env" "wait" (func $wait))
              (func (export "run") call $wait)
              (func (export "one") (result i32) i32.const 1))
            """, linker, store);
        var call = Background.Run(() =>
        {
            instance.GetAction("run")();
            return 0;
        });
        Assert.True(inHost.Wait(10_000));
        var e = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int>("one")());
        Assert.Contains("another thread", e.Message);
        release.Set();
        call.Result();
        Assert.Equal(1, instance.GetFunction<int>("one")());
    }

    [Fact]
    public void ImportsFromAnotherStoreOrEngineAreRefused()
    {
        var engine = Wasm.Engine();
        using var a = new Store(engine);
        using var b = new Store(engine);
        var linker = new Linker().Define("env", "mem", a.CreateMemory(new MemoryType(new Limits(1, null))));
        var importer = Wasm.Compile(engine, "(module (import \"env\" \"mem\" (memory 1)))");
        Assert.Contains("another store", Assert.Throws<LinkException>(() => linker.Instantiate(b, importer)).Message);
        linker.Instantiate(a, importer);
        var foreign = Wasm.Compile(Wasm.Engine(), "(module)");
        Assert.Throws<ArgumentException>(() => new Linker().Instantiate(a, foreign));
    }

    [Fact]
    public void TablesOverTheLimitAreAClearError()
    {
        var e = Assert.Throws<ResourceLimitException>(() => Wasm.Instantiate("(module (table 10000001 funcref))"));
        Assert.Contains("10000000", e.Message);
        var t = Wasm.Instantiate("(module (table (export \"t\") 1 funcref))").GetTable("t")!;
        Assert.Equal(-1, t.Grow(Table.MaxElements, Value.FuncRef(null)));
        Assert.Equal(1, t.Grow(1, Value.FuncRef(null)));
    }
}
