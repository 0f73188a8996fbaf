using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Metering on every compiler (<see cref="Backends"/>): fuel figures worked out by hand from the default costs and
/// the <see cref="MeteringPlan"/>'s basic blocks, exhaustion at the same operator (seen through memory writes made
/// before the trap), refills from a host function, and the API's errors.
/// </summary>
public class FuelTests
{
    private static readonly EngineConfig Metered = new() { ConsumeFuel = true };

    private static (Store Store, Instance Instance) Instantiate(string backend, string wat, Linker? linker = null, EngineConfig? config = null)
    {
        var store = new Store(Backends.Engine(backend, config ?? Metered));
        var module = Module.FromBytes(store.Engine, Wat.ToBinary(wat));
        return (store, (linker ?? new Linker()).Instantiate(store, module));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void StraightLineCostsOnePerOperator(string backend)
    {
        var (store, instance) = Instantiate(backend, """
            (module (func (export "inc") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
            """);
        store.Fuel = 10;
        Assert.Equal(5, instance.GetFunction<int, int>("inc")(4));
        // local.get, i32.const, i32.add: 1 each; end: 0
        Assert.Equal(3, store.FuelConsumed);
        Assert.Equal(7, store.Fuel);
    }

    private const string Sum = """
        (module (func (export "sum") (param $n i32) (result i32) (local $acc i32)
          block
            loop
              local.get $n i32.eqz br_if 1
              local.get $acc local.get $n i32.add local.set $acc
              local.get $n i32.const 1 i32.sub local.set $n
              br 0
            end
          end
          local.get $acc))
        """;

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void LoopCostsItsBlocksPerIteration(string backend)
    {
        var (store, instance) = Instantiate(backend, Sum);
        store.Fuel = 1000;
        var sum = instance.GetFunction<int, int>("sum");
        // the loop header's block (3) runs n+1 times, the body after br_if (9) n times, the tail (1) once
        Assert.Equal(0, sum(0));
        Assert.Equal(4, store.FuelConsumed);
        Assert.Equal(55, sum(10));
        Assert.Equal(4 + 12 * 10 + 4, store.FuelConsumed);
        Assert.Equal(1000 - 128, store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void ExhaustionStopsBeforeTheBlockItCannotPayFor(string backend)
    {
        var (store, instance) = Instantiate(backend, """
            (module (memory (export "mem") 1)
              (func (export "fill") (param $n i32)
                loop
                  local.get $n i32.const 4 i32.mul local.get $n i32.store
                  local.get $n i32.const 1 i32.sub local.tee $n br_if 0
                end))
            """);
        store.Fuel = 35;
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("fill")!.Invoke(10));
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
        Assert.Contains("all fuel consumed", trap.Message);
        // three iterations of 10 ran (stores at 40, 36, 32); the fourth was refused whole, so 28 was never written
        var mem = instance.GetMemory("mem")!;
        Assert.Equal([10, 9, 8, 0], new ulong[] { 40, 36, 32, 28 }.Select(a => mem.Read<int>(a)));
        Assert.Equal(5, store.Fuel);
        Assert.Equal(30, store.FuelConsumed);
        store.Fuel += 100;
        instance.GetFunction("fill")!.Invoke(3);
        Assert.Equal(60, store.FuelConsumed);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void HostFunctionRefillsAndCallerSeesItAfterTheCall(string backend)
    {
        Store? store = null;
        var linker = new Linker().DefineAction("env", "refill", () => store!.Fuel = 100);
        store = new Store(Backends.Engine(backend, Metered));
        var module = Module.FromBytes(store.Engine, Wat.ToBinary("""
            (module (import "env" "refill" (func $refill))
              (func (export "run") (result i32) call $refill i32.const 7))
            """));
        var instance = linker.Instantiate(store, module);
        store.Fuel = 1;
        // call: 1 (leaves 0); the refill gives 100; i32.const after the call: 1
        Assert.Equal(7, instance.GetFunction<int>("run")());
        Assert.Equal(99, store.Fuel);
        Assert.Equal(2, store.FuelConsumed);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void EmptyBudgetTrapsAtEntryAndCustomCostsApply(string backend)
    {
        var costs = FuelCosts.Default.WithCost(Opcode.I32Add, 10).WithCost(Opcode.End, 2);
        var (store, instance) = Instantiate(backend, """
            (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
            """, config: Metered with { FuelCosts = costs });
        var add = instance.GetFunction<int, int, int>("add");
        Assert.Equal(TrapKind.OutOfFuel, Assert.Throws<TrapException>(() => add(1, 2)).Kind);
        Assert.Equal(0, store.FuelConsumed);
        store.Fuel = 14;
        Assert.Equal(3, add(1, 2));
        Assert.Equal(0, store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void BulkOperatorsPayPerByteAndPerElement(string backend)
    {
        var costs = FuelCosts.Default with { PerMemoryByte = 2, PerTableElement = 3 };
        var (store, instance) = Instantiate(backend, """
            (module (memory (export "mem") 1) (table 8 funcref)
              (func (export "fill") (param i32) i32.const 0 i32.const 7 local.get 0 memory.fill)
              (func (export "tfill") (param i32) i32.const 0 ref.null func local.get 0 table.fill))
            """, config: Metered with { FuelCosts = costs });
        var fill = instance.GetFunction("fill")!;
        store.Fuel = 100;
        // i32.const, i32.const, local.get, memory.fill: 4, then 2 per byte
        fill.Invoke(10);
        Assert.Equal(4 + 20, store.FuelConsumed);
        instance.GetFunction("tfill")!.Invoke(5);
        Assert.Equal(24 + 4 + 15, store.FuelConsumed);
        // 57 left: the block's 4 are paid, 2 * 30 bytes are not, and no byte is written
        var trap = Assert.Throws<TrapException>(() => fill.Invoke(30));
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
        Assert.Equal(53, store.Fuel);
        Assert.Equal(0, instance.GetMemory("mem")!.Read<byte>(20));
    }

    [Fact]
    public void FuelNeedsMeteringAndANonNegativeBudget()
    {
        var plain = new Store(Backends.Engine("singlepass"));
        Assert.Throws<InvalidOperationException>(() => plain.Fuel);
        Assert.Throws<InvalidOperationException>(() => plain.FuelConsumed);
        var metered = new Store(Backends.Engine("cil", Metered));
        Assert.Equal(0, metered.Fuel);
        Assert.Throws<ArgumentOutOfRangeException>(() => metered.Fuel = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => FuelCosts.Default with { PerMemoryByte = -1 });
    }

    [Fact]
    public void MeteringIsACodeSetting()
    {
        Assert.NotEqual(new EngineConfig().CodeSettingsKey(), Metered.CodeSettingsKey());
        var costly = Metered with { FuelCosts = FuelCosts.Default.WithCost(Opcode.Call, 5) };
        Assert.NotEqual(Metered.CodeSettingsKey(), costly.CodeSettingsKey());
    }
}
