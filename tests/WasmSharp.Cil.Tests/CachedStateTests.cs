using WasmSharp.Compilers;
using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// Generated code keeps the fuel counter in an IL local (and the memory base, and may cache more): each place where
/// the real values can change (memory.grow, calls, host functions, bulk operators) or be observed (traps, returns,
/// calls) must see them right. Fuel is compared with Singlepass's in-memory counter, which is the reference. Bounds
/// checks fold offset and size into one constant: lane accesses and grown memories check the edges.
/// </summary>
public class CachedStateTests
{
    private static readonly Engine Cil = new(new CilCompiler());
    private static readonly EngineConfig MeteredConfig = new() { ConsumeFuel = true };

    private static Instance Instantiate(Engine engine, Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat)));

    private static TrapKind TrapOf(Action a) => Assert.Throws<TrapException>(a).Kind;

    [Fact]
    public void GrowInsideALoopMakesTheNextIterationsAccessInBounds()
    {
        // each iteration grows by one page, then stores in and reads back from the page just added
        const string wat = """
            (module (memory 1)
              (func (export "f") (result i32) (local $i i32) (local $sum i32)
                (loop $l
                  (drop (memory.grow (i32.const 1)))
                  (i32.store (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 65536))
                    (i32.add (local.get $i) (i32.const 10)))
                  (local.set $sum (i32.add (local.get $sum)
                    (i32.load (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 65536)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
                (local.get $sum))
              (func (export "past") (result i32) (i32.load (i32.const 327676))))
            """;
        using var store = new Store(Cil);
        var instance = Instantiate(Cil, store, wat);
        Assert.Equal(10 + 11 + 12 + 13, instance.GetFunction<int>("f")());
        Assert.Equal(0, instance.GetFunction<int>("past")()); // the last word of page 5, which exists now
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, TrapOf(() => Instantiate(Cil, new Store(Cil), wat).GetFunction<int>("past")()));
    }

    [Fact]
    public void AHostFunctionThatGrowsMemoryLetsTheCallerAccessTheNewPage()
    {
        using var store = new Store(Cil);
        var memory = store.CreateMemory(new MemoryType(new Limits(1, 4)));
        var linker = new Linker().Define("env", "memory", memory).DefineAction("env", "grow", () => memory.Grow(1));
        var f = Instantiate(Cil, store, """
            (module (import "env" "memory" (memory 1)) (import "env" "grow" (func $grow))
              (func (export "f") (result i32)
                (i32.store (i32.const 0) (i32.const 5))
                (call $grow)
                (i32.store offset=65532 (i32.const 4) (i32.const 37)) ;; the new page's first word
                (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 65536)))))
            """, linker).GetFunction<int>("f");
        Assert.Equal(42, f());
    }

    [Theory]
    [InlineData("v128.load8_lane 3", 65535, false)]
    [InlineData("v128.load8_lane 3", 65536, true)]
    [InlineData("v128.load64_lane 1", 65528, false)]
    [InlineData("v128.load64_lane 1", 65529, true)]
    [InlineData("v128.store32_lane 2", 65532, false)]
    [InlineData("v128.store32_lane 2", 65533, true)]
    public void LaneAccessesTrapExactlyPastTheEnd(string op, int address, bool traps)
    {
        bool store = op.Contains("store");
        string body = store
            ? $"(v128.{op["v128.".Length..]} (local.get 0) (v128.const i32x4 1 2 3 4)) (i32.const 1)"
            : $"(i32x4.extract_lane 0 ({op} (local.get 0) (v128.const i32x4 7 0 0 0)))";
        string wat = $"(module (memory 1) (func (export \"f\") (param i32) (result i32) {body}))";
        using var s = new Store(Cil);
        var f = Instantiate(Cil, s, wat).GetFunction("f")!;
        if (traps) Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, TrapOf(() => f.Invoke(Value.I32(address))));
        else f.Invoke(Value.I32(address));
    }

    [Fact]
    public void AnInterruptStopsATightLoopWithoutMemoryAccesses()
    {
        using var store = new Store(Cil);
        var f = Instantiate(Cil, store, """
            (module (func (export "f") (param i32) (result i32)
              (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))
              (local.get 0)))
            """).GetFunction("f")!;
        using (new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite))
            Assert.Equal(TrapKind.Interrupted, TrapOf(() => f.Invoke(Value.I32(0))));
    }

    // ---- fuel: identical to Singlepass at every trap, return and host call --------------------------------

    private const string Metering = """
        (module
          (import "env" "refill" (func $refill))
          (memory 1)
          (table 2 funcref)
          (elem (i32.const 0) $id)
          (type $t (func (param i32) (result i32)))
          (func $id (param i32) (result i32) (local.get 0))
          (func $work (param $n i32) (result i32) (local $i i32)
            (loop $l
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $i))
          (func (export "oob") (param i32) (result i32)
            (drop (call $work (local.get 0))) (i32.load (i32.const 70000)))
          (func (export "div") (param i32) (result i32)
            (i32.div_u (call $work (local.get 0)) (i32.const 0)))
          (func (export "unreachable") (param i32) (result i32)
            (drop (call $work (local.get 0))) unreachable)
          (func (export "indirect") (param i32) (result i32)
            (call_indirect (type $t) (call $work (local.get 0)) (i32.const 1)))
          ;; SIMD lane accesses and splats bounds-check in their helpers, not in the IL
          (func (export "lane-load") (param i32) (result i32)
            (drop (call $work (local.get 0)))
            (i32x4.extract_lane 0 (v128.load32_lane 1 (i32.const 65534) (v128.const i64x2 0 0))))
          (func (export "lane-store") (param i32) (result i32)
            (drop (call $work (local.get 0)))
            (v128.store8_lane 0 (i32.const 65536) (v128.const i64x2 0 0)) (i32.const 0))
          (func (export "trunc") (param i32) (result i32)
            (drop (call $work (local.get 0))) (i32.trunc_f64_s (f64.const 1e100)))
          (func (export "loop") (param i32) (result i32)
            (local $i i32)
            (loop $l
              (i32.store (i32.const 0) (local.get $i))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
            (i32.load (i32.const 0)))
          (func (export "refilled") (param i32) (result i32)
            (drop (call $work (local.get 0))) (call $refill) (call $work (local.get 0))))
        """;

    /// <summary>Runs <paramref name="export"/>(<paramref name="arg"/>) with <paramref name="budget"/> fuel: the
    /// trap (or none) and the fuel left.</summary>
    private static (TrapKind? Trap, long Left, long Consumed) Metered(ICompiler compiler, string export, int arg, long budget)
    {
        var engine = new Engine(compiler, MeteredConfig);
        using var store = new Store(engine);
        var linker = new Linker().DefineAction("env", "refill", () => store.Fuel += 1000);
        var f = Instantiate(engine, store, Metering, linker).GetFunction(export)!;
        store.Fuel = budget;
        TrapKind? trap = null;
        try { f.Invoke(Value.I32(arg)); }
        catch (TrapException e) { trap = e.Kind; }
        return (trap, store.Fuel, store.FuelConsumed);
    }

    [Theory]
    [InlineData("oob", 50, 100_000, TrapKind.OutOfBoundsMemoryAccess)]
    [InlineData("div", 50, 100_000, TrapKind.IntegerDivideByZero)]
    [InlineData("unreachable", 50, 100_000, TrapKind.Unreachable)]
    [InlineData("indirect", 50, 100_000, TrapKind.UninitializedElement)]
    [InlineData("trunc", 50, 100_000, TrapKind.IntegerOverflow)]
    [InlineData("lane-load", 50, 100_000, TrapKind.OutOfBoundsMemoryAccess)]
    [InlineData("lane-store", 50, 100_000, TrapKind.OutOfBoundsMemoryAccess)]
    [InlineData("loop", 1000, 100_000, null)]
    [InlineData("loop", 1000, 2_500, TrapKind.OutOfFuel)]
    [InlineData("oob", 1000, 3_001, TrapKind.OutOfFuel)]
    [InlineData("refilled", 100, 1_000, null)]
    [InlineData("refilled", 100, 500, TrapKind.OutOfFuel)]
    public void FuelAfterTrapsReturnsAndHostCallsMatchesSinglepass(string export, int arg, long budget, TrapKind? trap)
    {
        var cil = Metered(new CilCompiler(), export, arg, budget);
        var reference = Metered(new Singlepass.SinglepassCompiler(), export, arg, budget);
        Assert.Equal(trap, cil.Trap);
        Assert.Equal(reference, cil);
        Assert.True(cil.Consumed > arg, "the loop ran"); // the counter moved, so the comparison means something
    }

    [Fact]
    public void FuelExhaustionInTheMiddleOfALoopStopsAtTheSameIterationAsSinglepass()
    {
        for (long budget = 20; budget < 200; budget += 7)
        {
            var cil = Metered(new CilCompiler(), "loop", 1000, budget);
            Assert.Equal(TrapKind.OutOfFuel, cil.Trap);
            Assert.Equal(Metered(new Singlepass.SinglepassCompiler(), "loop", 1000, budget), cil);
        }
    }
}
