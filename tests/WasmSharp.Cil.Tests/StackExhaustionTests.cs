using System.Diagnostics;
using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Stack exhaustion and interrupts unwind by returning (<see cref="StackUnwind"/>): cheap, exact backtraces,
/// dummy results of every type, and the store's limit put back for the next call.</summary>
public class StackExhaustionTests
{
    private static readonly Engine Eager = new(new CilCompiler());
    private static readonly Engine Lazy = new(new CilCompiler { LazyThreshold = 0 });

    private const string Recursion = """
        (module
          (func $f (export "f") (param i32) (result i32)
            local.get 0 i32.const 1 i32.add call $f i32.const 1 i32.add))
        """;

    private static Function Export(Store store, string wat, string name, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(store.Engine, Wat.ToBinary(wat))).GetFunction(name)!;

    private static TrapKind TrapOf(Action a) => Assert.Throws<TrapException>(a).Kind;

    [Fact]
    public void ExhaustionRaisesNoExceptionInsideGeneratedCode()
    {
        using var store = new Store(Eager);
        var f = Export(store, Recursion, "f");
        int thread = Environment.CurrentManagedThreadId, thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) =>
        {
            if (Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref thrown);
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try { Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => f.Invoke(Value.I32(0)))); }
        finally { AppDomain.CurrentDomain.FirstChanceException -= count; }
        // the one the store throws to its caller; an exception through the Wasm frames would make two
        Assert.Equal(1, thrown);
    }

    [Fact]
    public void ExhaustionTrapsAreCheap()
    {
        // a .NET exception through the ~65,000 frames of a 1 MiB budget cost 50-200 ms per trap; returning costs
        // about 1 ms (a bound with room for a loaded machine)
        using var store = new Store(new Engine(new CilCompiler(), new EngineConfig { MaxWasmStackBytes = 1 << 20 }));
        var f = Export(store, Recursion, "f");
        TrapOf(() => f.Invoke(Value.I32(0)));
        var times = new double[9];
        for (int i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            TrapOf(() => f.Invoke(Value.I32(0)));
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Assert.True(times[times.Length / 2] < 25, $"median {times[times.Length / 2]:F1} ms per trap");
    }

    [Fact]
    public void ExhaustionBacktraceListsEveryRecursiveFrame()
    {
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var e = Assert.Throws<TrapException>(() => Export(store, Recursion, "f").Invoke(Value.I32(0)));
            Assert.Equal(Runtime.RuntimeState.MaxTrapFrames, e.WasmStackTrace.Count);
            Assert.All(e.WasmStackTrace, frame => Assert.Equal(0u, frame.FunctionIndex));
        }
    }

    [Fact]
    public void TrapBacktraceKeepsRecursiveFrames()
    {
        // f(n) = n == 0 ? unreachable : f(n - 1), called from g: a trap exception's stack trace has each call
        const string wat = """
            (module
              (func $f (param i32)
                local.get 0 i32.eqz if unreachable end
                local.get 0 i32.const 1 i32.sub call $f)
              (func (export "g") (call $f (i32.const 3))))
            """;
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var e = Assert.Throws<TrapException>(() => Export(store, wat, "g").Invoke());
            Assert.Equal(TrapKind.Unreachable, e.Kind);
            Assert.Equal([0u, 0u, 0u, 0u, 1u], e.WasmStackTrace.Select(f => f.FunctionIndex));
        }
    }

    [Theory]
    [InlineData("i64 f32 f64", "(i64.const 1) (f32.const 2) (f64.const 3)")]
    [InlineData("v128", "(v128.const i64x2 1 2)")]
    [InlineData("f64", "(f64.const 1)")]
    [InlineData("externref", "(ref.null extern)")]
    public void FunctionsOfEveryResultTypeUnwind(string results, string values)
    {
        // odd levels recurse through call_indirect, even ones through call
        string drops = string.Join(" ", results.Split(' ').Select(_ => "(drop)"));
        string wat = $$"""
            (module
              (type $t (func (param i32) (result {{results}})))
              (table 1 funcref) (elem (i32.const 0) $f)
              (func $f (export "f") (type $t)
                (if (i32.and (local.get 0) (i32.const 1))
                  (then (call_indirect (type $t) (i32.add (local.get 0) (i32.const 1)) (i32.const 0)) {{drops}})
                  (else (call $f (i32.add (local.get 0) (i32.const 1))) {{drops}}))
                {{values}}))
            """;
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var f = Export(store, wat, "f");
            Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => f.Invoke(Value.I32(0))));
        }
    }

    [Fact]
    public void ExhaustionUnderAHostCallLeavesTheOuterCallRunning()
    {
        // outer -> host -> inner (recurses until exhausted); the host catches the trap and outer goes on calling
        using var store = new Store(Eager);
        Function? inner = null;
        int caught = 0;
        var host = store.CreateFunction(new FuncType([], []), (_, _) =>
        {
            var e = Assert.Throws<TrapException>(() => inner!.Invoke(Value.I32(0)));
            if (e.Kind == TrapKind.CallStackExhausted) caught++;
        });
        const string wat = """
            (module
              (import "env" "host" (func $host))
              (func $inner (export "inner") (param i32) (result i32)
                local.get 0 i32.const 1 i32.add call $inner i32.const 1 i32.add)
              (func $sum (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))
              (func (export "outer") (result i32)
                call $host
                (call $sum (i32.const 1000))))
            """;
        var instance = new Linker().Define("env", "host", host).Instantiate(store, Module.FromBytes(Eager, Wat.ToBinary(wat)));
        inner = instance.GetFunction("inner");
        Assert.Equal(500500, instance.GetFunction("outer")!.Invoke()[0].AsInt32());
        Assert.Equal(1, caught);
    }

    [Fact]
    public void InterruptDuringDeepRecursionUnwindsAndTheStoreRecovers()
    {
        // $f goes deep, then spins at the bottom until interrupted
        const string wat = """
            (module
              (func $f (export "f") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (loop $spin (br $spin)) (i32.const 0))
                  (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1)))))))
              (func $sum (export "sum") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1))))))))
            """;
        using var store = new Store(Eager);
        var instance = new Linker().Instantiate(store, Module.FromBytes(Eager, Wat.ToBinary(wat)));
        using (new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite))
            Assert.Equal(TrapKind.Interrupted, TrapOf(() => instance.GetFunction("f")!.Invoke(Value.I32(5000))));
        // the stack limit is back: a recursion as deep completes
        Assert.Equal(50005000, instance.GetFunction("sum")!.Invoke(Value.I32(10000))[0].AsInt32());
    }

    [Fact]
    public void TheStackLimitFollowsTheThreadTheStoreRunsOn()
    {
        // the limit follows the thread of each outermost call: one left behind from another thread's stack would
        // never fail (a crash) or fail at once; an instance created on another thread follows it too
        const string wat = """
            (module
              (func $f (export "f") (param i32) (result i32)
                local.get 0 i32.const 1 i32.add call $f i32.const 1 i32.add)
              (func $sum (export "sum") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1))))))))
            """;
        using var store = new Store(Eager);
        var module = Module.FromBytes(Eager, Wat.ToBinary(wat));
        var first = new Linker().Instantiate(store, module);
        Instance? second = null;
        void Check(Instance i)
        {
            Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => i.GetFunction("f")!.Invoke(Value.I32(0))));
            Assert.Equal(50005000, i.GetFunction("sum")!.Invoke(Value.I32(10000))[0].AsInt32());
        }
        Check(first);
        foreach (int stackBytes in new[] { 4 << 20, 16 << 20, 2 << 20 })
        {
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    Check(first);
                    second ??= new Linker().Instantiate(store, module);
                    Check(second);
                }
                catch (Exception e) { failure = e; }
            }, stackBytes);
            thread.Start();
            thread.Join();
            Assert.Null(failure);
        }
        Check(first);
        Check(second!);
    }
}
