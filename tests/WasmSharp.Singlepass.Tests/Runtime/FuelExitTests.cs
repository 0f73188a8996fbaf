using WasmSharp.Compilers;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// The fuel left after every way out of Wasm code, on every compiler (<see cref="Backends"/>): Singlepass keeps the
/// fuel in a register while Wasm runs, so each exit (a trap by an explicit check, a guard-page fault, running out, a
/// libcall that charges, a host function that reads, refills or re-enters) must hand the exact figure back. The
/// figures are worked out from the default costs: <c>$spend n</c> costs 5 per iteration (the loop header's block:
/// local.get, i32.const, i32.sub, local.tee, br_if), its <c>loop</c> and <c>end</c>s are free.
/// </summary>
public class FuelExitTests
{
    private static readonly EngineConfig Metered = new() { ConsumeFuel = true };

    private const string Spend = """
        (func $spend (export "spend") (param $n i32)
          loop
            local.get $n i32.const 1 i32.sub local.tee $n br_if 0
          end)
        """;

    private static (Store Store, Instance Instance) Instantiate(string backend, string wat, EngineConfig? config = null, Linker? linker = null)
    {
        var store = new Store(Backends.Engine(backend, config ?? Metered));
        var module = Module.FromBytes(store.Engine, Wat.ToBinary(wat));
        return (store, (linker ?? new Linker()).Instantiate(store, module));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TrapsLeaveTheFuelOfTheBlocksThatRan(string backend)
    {
        foreach (bool signals in (ReadOnlySpan<bool>)[true, false])
        {
            var (store, instance) = Instantiate(backend, $$"""
                (module (memory 1) {{Spend}}
                  (func (export "load") (param $n i32) (param $addr i32) (result i32)
                    local.get $n call $spend
                    local.get $addr i32.load)
                  (func (export "div") (param $n i32) (param $d i32) (result i32)
                    local.get $n call $spend
                    i32.const 1 local.get $d i32.div_u))
                """, Metered with { SignalBasedBoundsChecks = signals });
            store.Fuel = 1000;
            // local.get, call: 2; spend 10: 50; then local.get, i32.load (end is free): 2, charged before the fault
            var fault = Assert.Throws<TrapException>(() => instance.GetFunction("load")!.Invoke(10, 65536));
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, fault.Kind);
            Assert.Equal(1000 - 54, store.Fuel);
            // i32.const, local.get, i32.div_u: 3
            var div = Assert.Throws<TrapException>(() => instance.GetFunction("div")!.Invoke(10, 0));
            Assert.Equal(TrapKind.IntegerDivideByZero, div.Kind);
            Assert.Equal(1000 - 54 - 55, store.Fuel);
            Assert.Equal(54 + 55, store.FuelConsumed);
            // and a run that succeeds afterwards starts from that figure
            Assert.Equal(0, instance.GetFunction<int, int, int>("load")(1, 0));
            Assert.Equal(1000 - 109 - 9, store.Fuel);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void RunningOutInACalleeLeavesTheRemainder(string backend)
    {
        var (store, instance) = Instantiate(backend, $$"""
            (module {{Spend}}
              (func (export "run") (param $n i32) local.get $n call $spend))
            """);
        // 2 for the caller's block, then 3 iterations of 5; the fourth cannot be paid and leaves 4
        store.Fuel = 21;
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("run")!.Invoke(10));
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
        Assert.Equal(4, store.Fuel);
        Assert.Equal(17, store.FuelConsumed);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void HostFunctionsSeeChangeAndReenterTheExactFuel(string backend)
    {
        Store? store = null;
        Instance? instance = null;
        long seen = -1, afterNested = -1;
        var linker = new Linker().DefineAction("env", "observe", () =>
        {
            seen = store!.Fuel;
            instance!.GetFunction("spend")!.Invoke(4);
            afterNested = store.Fuel;
            store.Fuel += 100;
        });
        (store, instance) = Instantiate(backend, $$"""
            (module (import "env" "observe" (func $observe)) {{Spend}}
              (func (export "run") (param $n i32)
                local.get $n call $spend
                call $observe
                local.get $n call $spend))
            """, linker: linker);
        store.Fuel = 1000;
        instance.GetFunction("run")!.Invoke(10);
        // before the host: 2 + 50 + 1 (call $observe); the nested spend 4: 20; after: 2 + 50
        Assert.Equal(1000 - 53, seen);
        Assert.Equal(1000 - 73, afterNested);
        Assert.Equal(1000 - 73 + 100 - 52, store.Fuel);
        Assert.Equal(53 + 20 + 52, store.FuelConsumed);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void MemoryGrowChargesTheRegisterTooAndATrapAfterItKeepsTheCharge(string backend)
    {
        var costs = FuelCosts.Default with { PerMemoryPage = 7 };
        var (store, instance) = Instantiate(backend, $$"""
            (module (memory 1) {{Spend}}
              (func (export "run") (param $n i32)
                local.get $n call $spend
                (drop (memory.grow (i32.const 2)))
                local.get $n call $spend
                unreachable))
            """, Metered with { FuelCosts = costs });
        store.Fuel = 1000;
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("run")!.Invoke(3));
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
        // 2 + 15; i32.const, memory.grow, local.get, call: 4, and 2 pages: 14; 15; unreachable is free
        Assert.Equal(1000 - (2 + 15 + 4 + 14 + 15), store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void CallsThroughATableIntoAnotherInstanceShareTheFuel(string backend)
    {
        var engine = Backends.Engine(backend, Metered);
        var store = new Store(engine);
        var callee = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary($"(module {Spend})")));
        var caller = new Linker().Define("b", "spend", callee.GetFunction("spend")!).Instantiate(store, Module.FromBytes(engine, Wat.ToBinary("""
            (module (type $t (func (param i32)))
              (import "b" "spend" (func $spend (type $t)))
              (table 1 funcref) (elem (i32.const 0) $spend)
              (func (export "run") (param $n i32) (result i32)
                local.get $n i32.const 0 call_indirect (type $t)
                i32.const 1 i32.const 0 i32.div_u))
            """)));
        store.Fuel = 1000;
        // local.get, i32.const, call_indirect: 3; the other instance's spend 10: 50; i32.const x2, i32.div_u: 3
        var trap = Assert.Throws<TrapException>(() => caller.GetFunction("run")!.Invoke(10));
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal(1000 - 56, store.Fuel);
        // running out over there: 3, then 2 iterations, then 1 left
        store.Fuel = 3 + 10 + 1;
        Assert.Equal(TrapKind.OutOfFuel, Assert.Throws<TrapException>(() => caller.GetFunction("run")!.Invoke(10)).Kind);
        Assert.Equal(1, store.Fuel);
    }
}
