using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// The checks around calls (FunctionEmitter.StackChecks.cs): a call of a function of the same instance is followed
/// by a test of <c>vmctx->LoopLimit</c>, which an unwind forces for its instance (<see cref="StackUnwind"/>) and puts
/// back when it ends; a call that may leave the instance (import, <c>call_indirect</c>) compares with the stack limit.
/// Exhaustion must trap for every frame size, interrupts must stop recursions, the loop limits must be back after an
/// unwind (or the next loop would stop at once), and backtraces must keep every frame.
/// </summary>
public class CallCheckTests
{
    private static readonly Engine Eager = new(new CilCompiler());
    private static readonly Engine Lazy = new(new CilCompiler { LazyThreshold = 0 });
    private static readonly Engine[] Engines = [Eager, Lazy];

    private static TrapException TrapOf(Action a) => Assert.Throws<TrapException>(a);

    private static Instance Instantiate(Engine engine, Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat)));

    /// <summary>A loop of <c>n</c> iterations (a header check each) and a recursion <c>n</c> deep, summed: what runs
    /// after an unwind, to see that neither the loop limit nor the stack limit was left forced.</summary>
    private const string LoopAndSum = """
        (func $loop (export "loop") (param i32) (result i32) (local i32)
          (block $done (loop $l
            (br_if $done (i32.eqz (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $l)))
          (local.get 1))
        (func $sum (export "sum") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))
        """;

    private static void AssertRunsNormally(Instance instance)
    {
        Assert.Equal(50005000, instance.GetFunction("loop")!.Invoke(Value.I32(10000))[0].AsInt32());
        Assert.Equal(50005000, instance.GetFunction("sum")!.Invoke(Value.I32(10000))[0].AsInt32());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(8, 0)]
    [InlineData(0, 16)]
    [InlineData(64, 4)]
    [InlineData(5000, 0)] // a huge frame: FrameGuard's guard method checks before the body's prolog
    public void RecursionExhaustsTheStackForEveryFrameSizeAndTheStoreRecovers(int i64Locals, int v128Locals)
    {
        string locals = string.Concat(Enumerable.Repeat(" i64", i64Locals)) + string.Concat(Enumerable.Repeat(" v128", v128Locals));
        // each level keeps a value in its first local across the call, so the frame is not empty
        string keep = i64Locals > 0 ? "(local.set 1 (i64.extend_i32_u (local.get 0)))" : "";
        string use = i64Locals > 0 ? "(drop (local.get 1))" : "";
        string wat = $$"""
            (module
              (func $f (export "f") (param i32) (result i32) {{(locals.Length > 0 ? $"(local{locals})" : "")}}
                {{keep}}
                (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1))
                {{use}})
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instance = Instantiate(engine, store, wat);
            var e = TrapOf(() => instance.GetFunction("f")!.Invoke(Value.I32(0)));
            Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
            Assert.NotEmpty(e.WasmStackTrace);
            Assert.All(e.WasmStackTrace, frame => Assert.Equal(0u, frame.FunctionIndex));
            AssertRunsNormally(instance);
            // a second time: the first unwind left nothing behind
            Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => instance.GetFunction("f")!.Invoke(Value.I32(0))).Kind);
            AssertRunsNormally(instance);
        }
    }

    [Fact]
    public void MutualRecursionBetweenInstancesExhaustsTheStackAndBothInstancesRecover()
    {
        // A's $a calls $a2 (same instance), which calls B's $b through an import; $b calls $a back through B's table,
        // where A put it: the unwind passes both kinds of check after a call, in both instances
        const string b = $$"""
            (module
              (type $t (func (param i32) (result i32)))
              (table (export "t") 1 funcref)
              (func (export "b") (param i32) (result i32)
                (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 1)))
              {{LoopAndSum}})
            """;
        const string a = $$"""
            (module
              (type $t (func (param i32) (result i32)))
              (import "b" "b" (func $b (type $t)))
              (import "b" "t" (table 1 funcref))
              (elem (i32.const 0) $a)
              (func $a (export "a") (type $t) (i32.add (call $a2 (local.get 0)) (i32.const 1)))
              (func $a2 (type $t) (i32.add (call $b (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instanceB = Instantiate(engine, store, b);
            var instanceA = Instantiate(engine, store, a,
                new Linker().Define("b", "b", instanceB.GetFunction("b")!).Define("b", "t", instanceB.GetTable("t")!));
            var e = TrapOf(() => instanceA.GetFunction("a")!.Invoke(Value.I32(0)));
            Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
            Assert.NotEmpty(e.WasmStackTrace);
            AssertRunsNormally(instanceA);
            AssertRunsNormally(instanceB);
        }
    }

    [Fact]
    public void RecursionThroughAnImportedWasmFunctionExhaustsTheStack()
    {
        // B's $r recurses; A calls it through an import from a loop: the unwind passes from B's frames to A's
        const string b = $$"""
            (module
              (func $r (export "r") (param i32) (result i32) (i32.add (call $r (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
              {{LoopAndSum}})
            """;
        const string a = $$"""
            (module
              (import "b" "r" (func $r (param i32) (result i32)))
              (func (export "f") (param i32) (result i32) (local i32)
                (loop $l
                  (local.set 1 (i32.add (local.get 1) (call $r (local.get 0))))
                  (br_if $l (local.get 0)))
                (local.get 1))
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instanceB = Instantiate(engine, store, b);
            var instanceA = Instantiate(engine, store, a, new Linker().Define("b", "r", instanceB.GetFunction("r")!));
            var e = TrapOf(() => instanceA.GetFunction("f")!.Invoke(Value.I32(0)));
            Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
            AssertRunsNormally(instanceA);
            AssertRunsNormally(instanceB);
        }
    }

    [Fact]
    public void ExhaustionUnderAHostCallInALoopLeavesTheOuterLoopRunning()
    {
        // outer loops over a host call whose wasm callee (same instance) exhausts the stack: that unwind forces the
        // instance's loop limit and must put it back before the host returns, or outer's loop would stop
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            Function? inner = null;
            int caught = 0;
            var host = store.CreateFunction(new FuncType([], []), (_, _) =>
            {
                if (TrapOf(() => inner!.Invoke(Value.I32(0))).Kind == TrapKind.CallStackExhausted) caught++;
            });
            string wat = $$"""
                (module
                  (import "env" "host" (func $host))
                  (func $inner (export "inner") (param i32) (result i32)
                    (i32.add (call $inner (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
                  (func (export "outer") (param i32) (result i32) (local i32)
                    (loop $l
                      (call $host)
                      (local.set 1 (i32.add (local.get 1) (call $loop (i32.const 100))))
                      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                    (local.get 1))
                  {{LoopAndSum}})
                """;
            var instance = Instantiate(engine, store, wat, new Linker().Define("env", "host", host));
            inner = instance.GetFunction("inner");
            Assert.Equal(3 * 5050, instance.GetFunction("outer")!.Invoke(Value.I32(3))[0].AsInt32());
            Assert.Equal(3, caught);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnInterruptStopsARecursionWithoutLoops(bool indirect)
    {
        // fib(50) without loops (it would run for minutes): only the checks at entry and after calls see the interrupt
        string call(string arg) => indirect
            ? $"(call_indirect (type $t) {arg} (i32.const 0))"
            : $"(call $fib {arg})";
        string wat = $$"""
            (module
              (type $t (func (param i32) (result i32)))
              (table 1 funcref) (elem (i32.const 0) $fib)
              (func $fib (export "fib") (type $t)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
                  (else (i32.add {{call("(i32.sub (local.get 0) (i32.const 1))")}} {{call("(i32.sub (local.get 0) (i32.const 2))")}}))))
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instance = Instantiate(engine, store, wat);
            using (new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite))
                Assert.Equal(TrapKind.Interrupted, TrapOf(() => instance.GetFunction("fib")!.Invoke(Value.I32(50))).Kind);
            AssertRunsNormally(instance);
            Assert.Equal(6765, instance.GetFunction("fib")!.Invoke(Value.I32(20))[0].AsInt32());
        }
    }

    [Fact]
    public void ATrapDeepInCallsKeepsEveryFrameInTheBacktrace()
    {
        // $c traps; $b calls it directly, $a through the table, $start calls $a: innermost first ($c could recurse,
        // so RyuJIT does not inline it: an inlined function has no frame of its own in the exception's trace)
        const string wat = """
            (module
              (type $v (func))
              (table 1 funcref) (elem (i32.const 0) $b)
              (func $c (param i32) (if (local.get 0) (then (call $c (i32.sub (local.get 0) (i32.const 1)))) (else unreachable)))
              (func $b (call $c (i32.const 0)) (call $c (i32.const 0)))
              (func $a (call_indirect (type $v) (i32.const 0)) (call_indirect (type $v) (i32.const 0)))
              (func (export "start") (call $a) (call $a)))
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var e = TrapOf(() => Instantiate(engine, store, wat).GetFunction("start")!.Invoke());
            Assert.Equal(TrapKind.Unreachable, e.Kind);
            Assert.Equal([0u, 1u, 2u, 3u], e.WasmStackTrace.Select(f => f.FunctionIndex));
        }
    }

    [Fact]
    public void ACallIndirectOfTheWrongTypeTrapsAndTheNextCallRuns()
    {
        const string wat = $$"""
            (module
              (type $ii (func (param i32) (result i32)))
              (type $il (func (param i32) (result i64)))
              (table 2 funcref) (elem (i32.const 0) $inc $wide)
              (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
              (func $wide (type $il) (i64.extend_i32_u (local.get 0)))
              (func (export "call") (param i32 i32) (result i32)
                (call_indirect (type $ii) (local.get 1) (local.get 0)))
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instance = Instantiate(engine, store, wat);
            var call = instance.GetFunction("call")!;
            Assert.Equal(8, call.Invoke(Value.I32(0), Value.I32(7))[0].AsInt32());
            var e = TrapOf(() => call.Invoke(Value.I32(1), Value.I32(7)));
            Assert.Equal(TrapKind.IndirectCallTypeMismatch, e.Kind);
            Assert.Equal(TrapKind.UndefinedElement, TrapOf(() => call.Invoke(Value.I32(2), Value.I32(7))).Kind);
            Assert.Equal(8, call.Invoke(Value.I32(0), Value.I32(7))[0].AsInt32());
            AssertRunsNormally(instance);
        }
    }

    [Fact]
    public void UninitializedLocalsOfEveryTypeStartAtZero()
    {
        // generated methods do not zero their locals: the body does, for Wasm's; a loop reads them after the first
        // iteration set them, so a missing zeroing shows as garbage in the first
        const string wat = """
            (module
              (func (export "f") (param i32) (result i32) (local i32 i64 f32 f64 v128 externref)
                (loop $l
                  (if (i32.or (i32.or (local.get 1) (i32.wrap_i64 (local.get 2)))
                              (i32.or (i32.or (f32.ne (local.get 3) (f32.const 0)) (f64.ne (local.get 4) (f64.const 0)))
                                      (i32.or (v128.any_true (local.get 5)) (i32.eqz (ref.is_null (local.get 6))))))
                    (then (return (i32.const -1))))
                  (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                  (br_if $l (local.get 0)))
                (i32.const 1)))
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var f = Instantiate(engine, store, wat).GetFunction("f")!;
            for (int i = 0; i < 3; i++) Assert.Equal(1, f.Invoke(Value.I32(5))[0].AsInt32());
        }
    }

    [Fact]
    public void ALeafLoopIsInterruptedAndARecursionThroughLeavesExhaustsTheStack()
    {
        // $spin and $count are leaves with loops (a check at their loop headers); $rec recurses and calls $count on
        // every level
        string wat = $$"""
            (module
              (func $spin (export "spin") (param i32) (result i32)
                (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l)) (local.get 0))
              (func $count (param i32) (result i32) (local i32)
                (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
                (local.get 1))
              (func $rec (export "rec") (param i32) (result i32)
                (i32.add (call $rec (call $count (i32.const 3))) (local.get 0)))
              {{LoopAndSum}})
            """;
        foreach (var engine in Engines)
        {
            using var store = new Store(engine);
            var instance = Instantiate(engine, store, wat);
            using (new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite))
                Assert.Equal(TrapKind.Interrupted, TrapOf(() => instance.GetFunction("spin")!.Invoke(Value.I32(0))).Kind);
            AssertRunsNormally(instance);
            Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => instance.GetFunction("rec")!.Invoke(Value.I32(0))).Kind);
            AssertRunsNormally(instance);
        }
    }
}
