using WasmSharp.Compilers;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The variable fuel of <c>memory.grow</c> (per page) and <c>table.grow</c> (per element), charged by the
/// runtime's grow on every compiler: paid only by a grow that succeeds; one the fuel cannot pay for returns -1.</summary>
public class GrowFuelTests
{
    private static readonly EngineConfig Metered = new()
    {
        ConsumeFuel = true,
        FuelCosts = FuelCosts.Default with { PerMemoryPage = 100, PerTableElement = 3 },
    };

    private const string Grower = """
        (module (memory (export "mem") 1 10) (table 1 20 funcref)
          (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
          (func (export "tgrow") (param i32) (result i32) ref.null func local.get 0 table.grow 0))
        """;

    private static (Store, Instance) Instantiate(string backend)
    {
        var store = new Store(Backends.Engine(backend, Metered));
        var module = Module.FromBytes(store.Engine, Wat.ToBinary(Grower));
        return (store, new Linker().Instantiate(store, module));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void MemoryGrowPaysPerPageOnlyWhenItSucceeds(string backend)
    {
        var (store, instance) = Instantiate(backend);
        var grow = instance.GetFunction<int, int>("grow");
        store.Fuel = 1000;
        // local.get, memory.grow: 2, then 100 per page
        Assert.Equal(1, grow(3));
        Assert.Equal(2 + 300, store.FuelConsumed);
        // over the maximum (4 + 7 > 10): fails, only the block is paid
        Assert.Equal(-1, grow(7));
        Assert.Equal(302 + 2, store.FuelConsumed);
        // 696 left: 6 pages (600) after the block's 2 are paid
        Assert.Equal(4, grow(6));
        Assert.Equal(304 + 2 + 600, store.FuelConsumed);
        Assert.Equal(10u, instance.GetMemory("mem")!.Pages);
        store.Fuel = 50;
        Assert.Equal(10, grow(0));
        Assert.Equal(48, store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void UnaffordableGrowFailsWithoutGrowing(string backend)
    {
        var (store, instance) = Instantiate(backend);
        store.Fuel = 250;
        Assert.Equal(-1, instance.GetFunction<int, int>("grow")(3));
        Assert.Equal(1u, instance.GetMemory("mem")!.Pages);
        Assert.Equal(248, store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TableGrowPaysPerElement(string backend)
    {
        var (store, instance) = Instantiate(backend);
        var tgrow = instance.GetFunction<int, int>("tgrow");
        store.Fuel = 100;
        // ref.null, local.get, table.grow: 3, then 3 per element
        Assert.Equal(1, tgrow(10));
        Assert.Equal(3 + 30, store.FuelConsumed);
        // 67 left: after the block's 3, 64 cannot pay 3 * 25 = 75; only the block is charged
        Assert.Equal(-1, tgrow(25));
        Assert.Equal(36, store.FuelConsumed);
        // 64 left: 3 + 3 * 9 paid; then growing past the maximum of 20 fails and pays only its block
        Assert.Equal(11, tgrow(9));
        Assert.Equal(-1, tgrow(1));
        Assert.Equal(36 + 30 + 3, store.FuelConsumed);
    }
}
