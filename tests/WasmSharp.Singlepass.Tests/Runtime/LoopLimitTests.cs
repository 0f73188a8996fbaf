using WasmSharp.Runtime;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Singlepass loop headers read the stop request from their own VM context (<see cref="VMContext.LoopLimit"/>), a
/// copy the store keeps in step for every instance. A loop whose only call is to a host function passes no
/// function entry, so only that copy can stop it: these loops stop where they must, in every instance (one created
/// after the others too), and run normally again once the request is consumed or withdrawn.
/// </summary>
public class LoopLimitTests
{
    /// <summary>Calls the host <paramref name="n"/> times in a loop; returns how many calls it made.</summary>
    private const string Looper = """
        (module (import "env" "tick" (func $tick))
          (func (export "run") (param $n i32) (result i32) (local $i i32)
            loop
              call $tick
              local.get $i i32.const 1 i32.add local.tee $i
              local.get $n i32.lt_u br_if 0
            end
            local.get $i))
        """;

    [Fact]
    public void AStopFromAHostFunctionReachesTheLoopOfEveryInstance()
    {
        var engine = new Engine(new SinglepassCompiler());
        using var store = new Store(engine);
        int ticks = 0, stopAt = -1;
        Action stop = store.Interrupt;
        var linker = new Linker().DefineAction("env", "tick", () =>
        {
            if (++ticks == stopAt) stop();
        });
        var module = Module.FromBytes(engine, Wat.ToBinary(Looper));
        var first = linker.Instantiate(store, module).GetFunction<int, int>("run");
        var second = linker.Instantiate(store, module).GetFunction<int, int>("run");
        foreach (var (run, kind, action) in new (Func<int, int>, TrapKind, Action)[]
        {
            (first, TrapKind.Interrupted, store.Interrupt),
            (second, TrapKind.Interrupted, store.Interrupt),
            (second, TrapKind.EpochDeadlineReached, () => { store.SetEpochDeadline(1); engine.IncrementEpoch(); }),
        })
        {
            ticks = 0;
            stopAt = 3;
            stop = action;
            Assert.Equal(kind, Assert.Throws<TrapException>(() => run(1000)).Kind);
            Assert.Equal(3, ticks);
            // consumed by the trap: the next call's loops run to the end
            store.SetEpochDeadline(long.MaxValue);
            ticks = 0;
            stopAt = -1;
            Assert.Equal(1000, run(1000));
        }
        // an instance created after a stop was requested still sees it
        store.Interrupt();
        var late = linker.Instantiate(store, module).GetFunction<int, int>("run");
        Assert.Equal(TrapKind.Interrupted, Assert.Throws<TrapException>(() => late(10)).Kind);
        Assert.Equal(10, late(10));
    }

    [Fact]
    public void AStopWithdrawnBetweenCallsLeavesNoLoopStopped()
    {
        var engine = new Engine(new SinglepassCompiler());
        using var store = new Store(engine);
        var linker = new Linker().DefineAction("env", "tick", () => { });
        var run = linker.Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(Looper))).GetFunction<int, int>("run");
        // the deadline is reached (a stop is requested), then moved away before any call consumes it
        store.SetEpochDeadline(0);
        store.SetEpochDeadline(1000);
        Assert.Equal(500, run(500));
    }

    [Fact]
    public async Task InterruptFromAnotherThreadStopsAnEndlessLoop()
    {
        var engine = new Engine(new SinglepassCompiler());
        using var store = new Store(engine);
        using var started = new ManualResetEventSlim();
        var linker = new Linker().DefineAction("env", "tick", started.Set);
        var run = linker.Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(Looper))).GetFunction<int, int>("run");
        var stopper = Task.Run(() =>
        {
            started.Wait();
            store.Interrupt();
        });
        Assert.Equal(TrapKind.Interrupted, Assert.Throws<TrapException>(() => run(-1)).Kind);
        await stopper;
        Assert.Equal(5, run(5));
    }
}
