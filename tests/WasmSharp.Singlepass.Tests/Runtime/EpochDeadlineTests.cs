using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Epoch deadlines on every compiler: an endless loop stopped by a ticker thread, a store without a deadline never
/// stopped, epochs advanced and deadlines moved from host functions, and ticks racing with Dispose.
/// </summary>
public class EpochDeadlineTests
{
    private const string Wasm = """
        (module (import "env" "tick" (func $tick))
          (func (export "spin") loop br 0 end)
          (func (export "ticks") (param $n i32) (result i32)
            loop
              call $tick
              local.get $n i32.const 1 i32.sub local.tee $n br_if 0
            end
            i32.const 7))
        """;

    private static (Store Store, Instance Instance) Instantiate(Engine engine, Action? tick = null)
    {
        var store = new Store(engine);
        var module = Module.FromBytes(engine, Wat.ToBinary(Wasm));
        var linker = new Linker().DefineAction("env", "tick", tick ?? engine.IncrementEpoch);
        return (store, linker.Instantiate(store, module));
    }

    private static TrapKind TrapOf(Action a) => Assert.Throws<TrapException>(a).Kind;

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void EndlessLoopIsStoppedByTheDeadline(string backend)
    {
        var engine = Backends.Engine(backend);
        var (store, instance) = Instantiate(engine);
        store.SetEpochDeadline(3);
        bool done = false;
        var ticker = Background.Run(() =>
        {
            while (!Volatile.Read(ref done))
            {
                Thread.Sleep(5);
                engine.IncrementEpoch();
            }
            return 0;
        });
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("spin")());
        Volatile.Write(ref done, true);
        ticker.Result();
        Assert.Equal(TrapKind.EpochDeadlineReached, trap.Kind);
        Assert.Contains("epoch deadline reached", trap.Message);
        Assert.True(engine.Epoch >= 3);
        // still reached: the next call stops at once, until a new deadline is set
        Assert.Equal(TrapKind.EpochDeadlineReached, TrapOf(() => instance.GetAction("spin")()));
        store.SetEpochDeadline(1000);
        Assert.Equal(7, instance.GetFunction<int, int>("ticks")(10));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void StoreWithoutADeadlineIsNeverStopped(string backend)
    {
        var engine = Backends.Engine(backend);
        var (timed, _) = Instantiate(engine);
        var (free, instance) = Instantiate(engine);
        timed.SetEpochDeadline(1);
        // 1000 ticks from inside its own calls: the other store's deadline passes, this one runs on
        Assert.Equal(7, instance.GetFunction<int, int>("ticks")(1000));
        Assert.Equal(1000, engine.Epoch);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TicksFromAHostFunctionStopTheCallerAtItsNextCheck(string backend)
    {
        var engine = Backends.Engine(backend);
        var (store, instance) = Instantiate(engine);
        store.SetEpochDeadline(5);
        Assert.Equal(TrapKind.EpochDeadlineReached, TrapOf(() => instance.GetFunction<int, int>("ticks")(100)));
        // the fifth tick reached the deadline; the loop header after it stopped the call
        Assert.Equal(5, engine.Epoch);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void HostFunctionCanMoveTheDeadline(string backend)
    {
        var engine = Backends.Engine(backend);
        Store? store = null;
        // every tick first pushes the deadline 2 epochs ahead: it is never reached
        var (s, instance) = Instantiate(engine, () => { store!.SetEpochDeadline(2); engine.IncrementEpoch(); });
        store = s;
        store.SetEpochDeadline(1);
        Assert.Equal(7, instance.GetFunction<int, int>("ticks")(50));
        // zero ticks: the next check stops the call
        store.SetEpochDeadline(0);
        Assert.Equal(TrapKind.EpochDeadlineReached, TrapOf(() => instance.GetAction("spin")()));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void DeadlineMovedLaterOrEarlierIsEnforcedAtItsNewEpoch(string backend)
    {
        var engine = Backends.Engine(backend);
        var (store, instance) = Instantiate(engine);
        var ticks = instance.GetFunction<int, int>("ticks");
        // moved later many times (as an embedder that sets one before every call): the entry for 2 re-queues for 6
        store.SetEpochDeadline(2);
        for (int i = 0; i < 1000; i++) store.SetEpochDeadline(6);
        Assert.Equal(7, ticks(5));
        Assert.Equal(5, engine.Epoch);
        Assert.Equal(TrapKind.EpochDeadlineReached, TrapOf(() => ticks(100)));
        Assert.Equal(6, engine.Epoch);
        // moved earlier: 10 ahead, then 3 ahead
        store.SetEpochDeadline(10);
        store.SetEpochDeadline(3);
        Assert.Equal(TrapKind.EpochDeadlineReached, TrapOf(() => ticks(100)));
        Assert.Equal(9, engine.Epoch);
    }

    [Fact]
    public void InterruptIsStillReportedAsInterrupt()
    {
        var engine = Backends.Engine("singlepass");
        var (store, instance) = Instantiate(engine, () => { });
        store.SetEpochDeadline(100);
        store.Interrupt();
        Assert.Equal(TrapKind.Interrupted, TrapOf(() => instance.GetAction("spin")()));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.SetEpochDeadline(-1));
    }

    [Fact]
    public void TicksRacingWithDisposeAndCalls()
    {
        var engine = Backends.Engine("singlepass");
        bool done = false;
        var ticker = Background.Run(() =>
        {
            while (!Volatile.Read(ref done)) engine.IncrementEpoch();
            return 0;
        });
        int stopped = 0;
        for (int i = 0; i < 200; i++)
        {
            var (store, instance) = Instantiate(engine, () => { });
            store.SetEpochDeadline(1 + i % 3);
            if (i % 2 == 0)
            {
                // the deadline's delivery races with Dispose: it must do nothing, not crash
                store.Dispose();
                continue;
            }
            var call = Background.Run(() => Assert.Throws<TrapException>(() => instance.GetAction("spin")()).Kind);
            if (call.Result() == TrapKind.EpochDeadlineReached) stopped++;
            store.Dispose();
        }
        Volatile.Write(ref done, true);
        ticker.Result();
        Assert.Equal(100, stopped);
    }
}
