using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// Loop headers check for interrupts unless every iteration makes a call (whose stack check after the call sees the
/// interrupt) or <see cref="EngineConfig.InterruptibleLoops"/> is off. Each shape of loop stays interruptible. The
/// loops end once their i32 counter wraps around (2^32 iterations, seconds), so a missing check fails the test
/// instead of hanging it.
/// </summary>
public class LoopCheckTests
{
    private static readonly Engine Eager = new(new CilCompiler());
    private static readonly Engine Lazy = new(new CilCompiler { LazyThreshold = 0 });

    private static Engine Of(bool lazy) => lazy ? Lazy : Eager;

    private static TrapKind TrapOf(Action a) => Assert.Throws<TrapException>(a).Kind;

    private static Function Export(Engine engine, Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat))).GetFunction("f")!;

    /// <summary>Interrupts from a thread of its own after 100 ms: a thread-pool timer's callback waited behind the
    /// parallel tests' busy threads for longer than the loop runs (once in CI: no trap).</summary>
    private static void AssertInterrupted(Store store, Function f, params Value[] args)
    {
        var interrupter = new Thread(() =>
        {
            Thread.Sleep(100);
            store.Interrupt();
        });
        interrupter.Start();
        Assert.Equal(TrapKind.Interrupted, TrapOf(() => f.Invoke(args)));
        interrupter.Join();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALoopThatAlwaysCallsItselfIsInterruptedAfterTheCall(bool lazy)
    {
        // the header has no check of its own (RyuJIT never inlines recursion): the check after the call sees the
        // interrupt; f(1) returns at once
        var engine = Of(lazy);
        using var store = new Store(engine);
        var f = Export(engine, store, """
            (module
              (func $f (export "f") (param i32) (result i32) (local i32)
                (if (local.get 0) (then (return (local.get 0))))
                (loop $l
                  (block (local.set 1 (i32.add (local.get 1) (call $f (i32.const 1)))))
                  (br_if $l (local.get 1)))
                (local.get 1)))
            """);
        AssertInterrupted(store, f, Value.I32(0));
    }

    [Fact]
    public void ALoopThatAlwaysCallsASmallFunctionIsInterrupted()
    {
        // $leaf is a tiny leaf (no checks of its own, none after the call) and RyuJIT may inline it: the header keeps
        // its check
        using var store = new Store(Eager);
        var f = Export(Eager, store, """
            (module
              (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "f") (param i32) (result i32)
                (loop $l (local.set 0 (call $leaf (local.get 0))) (br_if $l (local.get 0)))
                (local.get 0)))
            """);
        AssertInterrupted(store, f, Value.I32(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALoopThatAlwaysCallsIndirectlyIsInterrupted(bool lazy)
    {
        var engine = Of(lazy);
        using var store = new Store(engine);
        var f = Export(engine, store, """
            (module
              (type $t (func (param i32) (result i32)))
              (table 1 funcref) (elem (i32.const 0) $leaf)
              (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "f") (param i32) (result i32)
                (loop $l (local.set 0 (call_indirect (type $t) (local.get 0) (i32.const 0))) (br_if $l (local.get 0)))
                (local.get 0)))
            """);
        AssertInterrupted(store, f, Value.I32(0));
    }

    [Fact]
    public void ALoopThatAlwaysCallsTheHostIsInterrupted()
    {
        using var store = new Store(Eager);
        var linker = new Linker();
        linker.DefineFunction("env", "tick", (int x) => x + 1);
        var f = Export(Eager, store, """
            (module
              (import "env" "tick" (func $tick (param i32) (result i32)))
              (func (export "f") (param i32) (result i32)
                (loop $l (local.set 0 (call $tick (local.get 0))) (br_if $l (local.get 0)))
                (local.get 0)))
            """, linker);
        AssertInterrupted(store, f, Value.I32(0));
    }

    [Theory]
    [InlineData("(if (local.get 1) (then (drop (call $leaf (local.get 0)))))")] // a call only in an if (never taken)
    [InlineData("(br_if $l (local.get 0)) (return (local.get 0)) (drop (call $leaf (local.get 0)))")] // a branch back before the call
    [InlineData("(block $b (br_if $b (i32.const 1)) (drop (call $leaf (local.get 0))))")] // a branch past the call
    public void ALoopThatMaySkipItsCallKeepsItsHeaderCheck(string body)
    {
        using var store = new Store(Eager);
        var f = Export(Eager, store, $$"""
            (module
              (func $leaf (param i32) (result i32) (local.get 0))
              (func (export "f") (param i32) (result i32) (local i32)
                (loop $l
                  (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                  {{body}}
                  (br_if $l (local.get 0)))
                (local.get 0)))
            """);
        AssertInterrupted(store, f, Value.I32(0));
    }

    [Fact]
    public void WithoutInterruptibleLoopsACallFreeLoopRunsOnAndTheNextCallIsInterrupted()
    {
        // 200,000,000 iterations of a loop without calls: the interrupt, requested early, is not seen by the loop
        // (no header check), so the call returns its result; the next call's entry check traps
        var engine = new Engine(new CilCompiler(), new EngineConfig { InterruptibleLoops = false });
        using var store = new Store(engine);
        var f = Export(engine, store, """
            (module (func (export "f") (param i32) (result i32) (local $i i32)
              (loop $l
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
              (local.get $i)))
            """);
        Assert.Equal(1, f.Invoke(Value.I32(1))[0].AsInt32()); // compiled before the interrupt
        // a thread of its own, and waited for: a thread-pool timer's callback could come after the next call
        var interrupter = new Thread(() =>
        {
            Thread.Sleep(10);
            store.Interrupt();
        });
        interrupter.Start();
        Assert.Equal(200_000_000, f.Invoke(Value.I32(200_000_000))[0].AsInt32());
        interrupter.Join();
        Assert.Equal(TrapKind.Interrupted, TrapOf(() => f.Invoke(Value.I32(1))));
    }

    [Fact]
    public void WithoutInterruptibleLoopsALoopThatCallsIsStillInterrupted()
    {
        // the callee's entry check (volatile without interruptible loops) sees the interrupt, even inlined
        var engine = new Engine(new CilCompiler(), new EngineConfig { InterruptibleLoops = false });
        using var store = new Store(engine);
        var f = Export(engine, store, """
            (module
              (func $leaf (param i32) (result i32) (loop) (i32.add (local.get 0) (i32.const 1))) ;; a loop: not a tiny leaf
              (func (export "f") (param i32) (result i32)
                (loop $l
                  (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                  (if (i32.and (local.get 0) (i32.const 1)) (then (local.set 0 (call $leaf (local.get 0)))))
                  (br_if $l (local.get 0)))
                (local.get 0)))
            """);
        AssertInterrupted(store, f, Value.I32(0));
    }
}
