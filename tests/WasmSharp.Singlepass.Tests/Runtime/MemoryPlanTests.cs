using WasmSharp.Runtime;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Address-space reservation: guard pages only when the reservation covers every address code can form,
/// small reservations and explicit checks otherwise.</summary>
public class MemoryPlanTests
{
    private const ulong GiB = 1UL << 30;

    [Fact]
    public void WithoutALimitMemoriesAreGuarded()
    {
        var plan = MemoryPlan.For(new EngineConfig(), addressSpaceLimit: null);
        Assert.True(plan.GuardPages);
        Assert.Equal(8 * GiB + 65536, plan.ReservationFor(new Limits(1, 1)));
    }

    [Fact]
    public void UnderASmallLimitMemoriesReserveOnlyWhatTheyCanReach()
    {
        var plan = MemoryPlan.For(new EngineConfig(), addressSpaceLimit: 4 * GiB);
        Assert.False(plan.GuardPages);
        Assert.Equal(GiB / 4, plan.Reservation);
        Assert.Equal(2UL * 65536, plan.ReservationFor(new Limits(1, 2)));
        Assert.Equal(GiB / 4, plan.ReservationFor(new Limits(1, null)));
        Assert.Equal(GiB, plan.ReservationFor(new Limits(16384, null)));
        Assert.Equal(65536UL, plan.ReservationFor(new Limits(0, 0)));
    }

    [Theory]
    [InlineData(4UL << 30, 2UL << 30, false)]
    [InlineData(1UL << 30, 8UL << 30, false)]
    [InlineData(4UL << 30, (4UL << 30) + 65536, true)]
    public void GuardPagesNeedTheWholeRangeCovered(ulong reservation, ulong guard, bool guarded)
    {
        var config = new EngineConfig { MemoryReservation = reservation, MemoryGuardSize = guard };
        Assert.Equal(guarded, MemoryPlan.For(config, null).GuardPages);
        Assert.False(MemoryPlan.For(config with { SignalBasedBoundsChecks = false }, null).GuardPages);
    }

    [Fact]
    public void ASmallReservationBoundsGrowthAndChecksExplicitly()
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { MemoryReservation = 4 * 65536 });
        Assert.False(engine.MemoryPlan.GuardPages);
        var instance = Wasm.Instantiate("""
            (module (memory (export "mem") 1)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "load") (param i32) (result i32) local.get 0 i32.load offset=4))
            """, store: new Store(engine));
        var grow = instance.GetFunction<int, int>("grow");
        var load = instance.GetFunction<int, int>("load");
        Assert.Equal(1, grow(3));
        Assert.Equal(-1, grow(1));
        Assert.Equal(0, load(4 * 65536 - 8));
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => load(4 * 65536 - 7)).Kind);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => load(-1)).Kind);
        Assert.Equal(-1, instance.GetMemory("mem")!.Grow(1));
    }
}
