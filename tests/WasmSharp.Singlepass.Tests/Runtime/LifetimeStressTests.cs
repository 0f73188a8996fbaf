using System.Diagnostics;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Stores disposed (or dropped) while other threads call into them, read their memory and interrupt them:
/// every outcome is a result or a clear exception, never a crash of the test host. WASMSHARP_STRESS_SECONDS
/// lengthens the run (e.g. under DOTNET_HeapVerify=1).</summary>
[Collection(AddressSpaceCollection.Name)]
public class LifetimeStressTests
{
    private const string Worker = """
        (module (import "env" "host" (func $host (param i32) (result i32))) (memory (export "mem") 1)
          (func (export "work") (param i32) (result i32) (local i32)
            (loop $l
              local.get 1 i32.const 4 i32.rem_u local.get 1 i32.store
              local.get 1 i32.const 1 i32.add local.tee 1
              local.get 0 i32.lt_u br_if $l)
            local.get 1 call $host))
        """;

    private sealed record Slot(Store Store, Func<int, int> Work, Memory Memory);

    private sealed class Outcomes
    {
        public int Completed, Disposed, Interrupted, Busy;
        public readonly List<Exception> Unexpected = new();
    }

    [Fact]
    public void DisposingStoresWhileOtherThreadsCallAndInterruptThemIsSafe()
    {
        var engine = Wasm.Engine();
        using var module = Wasm.Compile(engine, Worker);
        var linker = new Linker().DefineFunction("env", "host", (int x) => x + 1);
        var slots = new Slot[6];
        for (int i = 0; i < slots.Length; i++) slots[i] = NewSlot(engine, module, linker);
        var outcomes = new Outcomes();
        var deadline = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("WASMSHARP_STRESS_SECONDS"), out var s) ? s : 3);
        // at least the set time, and on a loaded machine on until every outcome was seen (at most 30 s)
        bool Running() => deadline.Elapsed < duration
            || (deadline.Elapsed < TimeSpan.FromSeconds(30) && (outcomes.Completed == 0 || outcomes.Disposed == 0 || outcomes.Interrupted == 0));

        var threads = new[]
        {
            StressThread.Start(outcomes.Unexpected, Running, r => CallSeveral(slots[r.Next(slots.Length)], r, outcomes)),
            StressThread.Start(outcomes.Unexpected, Running, r => CallSeveral(slots[r.Next(slots.Length)], r, outcomes)),
            StressThread.Start(outcomes.Unexpected, Running, r => slots[r.Next(slots.Length)].Store.Interrupt()),
            StressThread.Start(outcomes.Unexpected, Running, r =>
            {
                int i = r.Next(slots.Length);
                var old = slots[i];
                // half are disposed, half only dropped for the GC
                if (r.Next(2) == 0)
                {
                    old.Store.Dispose();
                    Thread.Sleep(1);
                }
                slots[i] = NewSlot(engine, module, linker);
                if (r.Next(8) == 0) GC.Collect();
                Thread.Sleep(1);
            }),
        };
        foreach (var t in threads) t.Join();
        lock (outcomes.Unexpected) Assert.Empty(outcomes.Unexpected);
        Assert.True(outcomes.Completed > 0, "no call completed");
        Assert.True(outcomes.Disposed > 0, "no call met a disposed store");
        Assert.True(outcomes.Interrupted > 0, "no call was interrupted");
        foreach (var slot in slots) slot.Store.Dispose();
    }

    private static Slot NewSlot(Engine engine, Module module, Linker linker)
    {
        var store = new Store(engine);
        var instance = linker.Instantiate(store, module);
        return new Slot(store, instance.GetFunction<int, int>("work"), instance.GetMemory("mem")!);
    }

    private static void CallSeveral(Slot slot, Random r, Outcomes o)
    {
        for (int i = r.Next(1, 8); i > 0; i--) Call(slot, r, o);
    }

    private static void Call(Slot slot, Random r, Outcomes o)
    {
        try
        {
            int n = r.Next(1, 20_000);
            if (r.Next(4) == 0)
            {
                slot.Memory.Write(8, n);
                slot.Memory.Read<int>(8);
                return;
            }
            Assert.Equal(n + 1, slot.Work(n));
            Interlocked.Increment(ref o.Completed);
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref o.Disposed);
        }
        catch (TrapException e) when (e.Kind == TrapKind.Interrupted)
        {
            Interlocked.Increment(ref o.Interrupted);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("another thread"))
        {
            Interlocked.Increment(ref o.Busy);
        }
    }
}
