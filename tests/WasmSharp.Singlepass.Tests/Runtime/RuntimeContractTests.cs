using WasmSharp.Text;
using Xunit;
using static WasmSharp.ValType;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// The runtime's guarantees, checked against every compiler and target (<see cref="Backends"/>): traps with
/// backtraces, host exceptions, host calls both ways and re-entrancy, stack exhaustion, interruption, memory growth,
/// guard-page traps while another thread forces GCs, link errors.
/// </summary>
public class RuntimeContractTests
{
    private static Instance Instantiate(string backend, string wat, Linker? linker = null, Store? store = null, EngineConfig? config = null)
    {
        store ??= new Store(Backends.Engine(backend, config));
        return (linker ?? new Linker()).Instantiate(store, Module.FromBytes(store.Engine, Wat.ToBinary(wat)));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TypedCallsOfExports(string backend)
    {
        var instance = Instantiate(backend, """
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

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TrapsCarryKindAndWasmBacktraceWithNames(string backend)
    {
        var engine = Backends.Engine(backend);
        var bytes = Wasm.WithFunctionNames(Wat.ToBinary("""
            (module
              (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
              (func $outer (export "run") (param i32) (result i32) local.get 0 call $inner))
            """), "inner", "outer");
        var instance = new Linker().Instantiate(new Store(engine), Module.FromBytes(engine, bytes));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("run")(5));
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal(["inner", "outer"], trap.WasmStackTrace.Select(f => f.FunctionName));
        Assert.Equal([0u, 1u], trap.WasmStackTrace.Select(f => f.FunctionIndex));
        Assert.Contains("integer divide by zero", trap.Message);
    }

    private sealed class HostFailure : Exception;

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void HostExceptionsPropagateUnchanged(string backend)
    {
        var linker = new Linker().DefineFunction("env", "fail", (int x) => x > 0 ? throw new HostFailure() : x);
        var instance = Instantiate(backend, """
            (module (import "env" "fail" (func $fail (param i32) (result i32)))
                    (func (export "run") (param i32) (result i32) local.get 0 call $fail i32.const 1 i32.add))
            """, linker);
        var run = instance.GetFunction<int, int>("run");
        Assert.Throws<HostFailure>(() => run(1));
        Assert.Equal(1, run(0)); // the store is usable after the exception
        Assert.Throws<HostFailure>(() => run(2));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void HostFunctionWithSeveralResults(string backend)
    {
        var store = new Store(Backends.Engine(backend));
        var split = store.CreateFunction(new FuncType([I32], [I32, I64, F64]), (args, results) =>
        {
            int x = args[0].AsInt32();
            results[0] = Value.I32(x + 1);
            results[1] = Value.I64((long)x << 40);
            results[2] = Value.F64(x / 2.0);
        });
        var instance = Instantiate(backend, """
            (module (import "env" "split" (func $split (param i32) (result i32 i64 f64)))
                    (func (export "run") (param i32) (result i32 i64 f64) local.get 0 call $split))
            """, new Linker().Define("env", "split", split), store);
        var r = instance.GetFunction("run")!.Invoke(Value.I32(7));
        Assert.Equal(8, r[0].AsInt32());
        Assert.Equal(7L << 40, (long)r[1].Bits);
        Assert.Equal(3.5, BitConverter.UInt64BitsToDouble(r[2].Bits));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void ReentrancyWasmHostWasmHost(string backend)
    {
        var store = new Store(Backends.Engine(backend));
        Function? back = null;
        int depth = 0;
        var linker = new Linker().DefineFunction("env", "host", (int n) =>
        {
            depth++;
            return n <= 0 ? 0 : 1 + back!.Invoke(n - 1)[0].AsInt32();
        });
        var instance = Instantiate(backend, """
            (module (import "env" "host" (func $host (param i32) (result i32)))
                    (func (export "wasm") (param i32) (result i32) local.get 0 call $host))
            """, linker, store);
        back = instance.GetFunction("wasm");
        Assert.Equal(10, instance.GetFunction<int, int>("wasm")(10));
        Assert.Equal(11, depth);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void ATrapInANestedCallFromTheHostPropagates(string backend)
    {
        var store = new Store(Backends.Engine(backend));
        Function? inner = null;
        var linker = new Linker().DefineFunction("env", "reenter", new FuncType([], []), (_, _) => inner!.Invoke());
        var instance = Instantiate(backend, """
            (module (import "env" "reenter" (func $reenter))
                    (func (export "outer") call $reenter)
                    (func (export "inner") unreachable))
            """, linker, store);
        inner = instance.GetFunction("inner");
        Assert.Equal(TrapKind.Unreachable, Assert.Throws<TrapException>(() => instance.GetAction("outer")()).Kind);
        Assert.Equal(TrapKind.Unreachable, Assert.Throws<TrapException>(() => instance.GetAction("outer")()).Kind);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void DeepRecursionTrapsCallStackExhausted(string backend)
    {
        var instance = Instantiate(backend, """
            (module (func $f (export "f") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $f))
            """);
        // again and again: each unwind leaves the store consistent
        for (int i = 0; i < 3; i++)
            Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => instance.GetFunction<long, long>("f")(0)).Kind);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void ExhaustionOnASmallThreadStackDoesNotCrash(string backend)
    {
        TrapKind? kind = null;
        var thread = new Thread(() =>
        {
            var instance = Instantiate(backend, "(module (func $f (export \"f\") call $f))");
            try { instance.GetAction("f")(); }
            catch (TrapException e) { kind = e.Kind; }
        }, 512 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(TrapKind.CallStackExhausted, kind);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void StackBudgetIsConfigurable(string backend)
    {
        const string wat = """
            (module (func $f (export "f") (param i32) (result i32)
              local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $f i32.const 1 i32.add end))
            """;
        var small = Instantiate(backend, wat, config: new EngineConfig { MaxWasmStackBytes = 64 * 1024 });
        Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => small.GetFunction<int, int>("f")(100_000)).Kind);
        var large = Instantiate(backend, wat, config: new EngineConfig { MaxWasmStackBytes = 8 << 20 });
        Assert.Equal(1000, large.GetFunction<int, int>("f")(1000));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void AnotherThreadCanInterruptAnInfiniteLoop(string backend)
    {
        var store = new Store(Backends.Engine(backend));
        var instance = Instantiate(backend, "(module (func (export \"spin\") (loop br 0)))", store: store);
        using var timer = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);
        Assert.Equal(TrapKind.Interrupted, Assert.Throws<TrapException>(() => instance.GetAction("spin")()).Kind);
        // the next call runs normally
        var ok = Instantiate(backend, "(module (func (export \"one\") (result i32) i32.const 1))", store: store);
        Assert.Equal(1, ok.GetFunction<int>("one")());
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void MemoryGrowsWithoutMovingAndHonoursItsMaximum(string backend)
    {
        var instance = Instantiate(backend, """
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

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void MissingAndMismatchedImportsAreLinkErrors(string backend)
    {
        var e = Assert.Throws<LinkException>(() => Instantiate(backend, "(module (import \"env\" \"f\" (func)))"));
        Assert.Contains("env", e.Message);
        Assert.Contains("unknown import", e.Message);
        var linker = new Linker().DefineFunction("env", "f", (int x) => x);
        Assert.Contains("incompatible import type", Assert.Throws<LinkException>(() => Instantiate(backend, "(module (import \"env\" \"f\" (func)))", linker)).Message);
    }

    private const string OutOfBoundsWat = """
        (module (memory 1)
          (func (export "load") (param i32) (result i32) local.get 0 i32.load)
          (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store offset=4294967295))
        """;

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void FaultsInWasmAreTrapsAndFaultsInDotnetStillNullReferences(string backend)
    {
        var instance = Instantiate(backend, OutOfBoundsWat);
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

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void ExplicitBoundsChecksRemainAvailable(string backend)
    {
        var instance = Instantiate(backend, OutOfBoundsWat, config: new EngineConfig { SignalBasedBoundsChecks = false });
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("load")(65533)).Kind);
        Assert.Equal(0, instance.GetFunction<int, int>("load")(65532));
    }
}
