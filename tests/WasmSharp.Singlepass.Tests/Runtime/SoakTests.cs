using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Many threads, each with stores of its own, running, trapping on guard pages at the same time, being interrupted,
/// growing memory, throwing from host functions and exhausting the stack, while another thread forces GCs. Every
/// call must end in its expected result or trap. WASMSHARP_SOAK_SECONDS sets the length (CI: 10 s).
/// </summary>
[Collection(AddressSpaceCollection.Name)]
public class SoakTests(ITestOutputHelper output)
{
    private const string Worker = """
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (memory (export "mem") 1 4)
          (func (export "sum") (param i32) (result i32) (local i32 i32)
            (loop $l (local.set 1 (i32.add (local.get 1) (local.get 2)))
              (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (local.get 0))))
            (local.get 1))
          (func (export "oob") (result i32) (i32.load (i32.mul (memory.size) (i32.const 65536))))
          (func (export "unreachable") unreachable)
          (func (export "grow") (result i32) (memory.grow (i32.const 1)))
          (func (export "host") (param i32) (result i32) (call $host (local.get 0)))
          (func $deep (export "deep") (param i32) (result i32) (call $deep (i32.add (local.get 0) (i32.const 1))))
          (func (export "spin") (loop $l (br $l))))
        """;

    private sealed class HostFailure(int n) : Exception($"host failure {n}");

    private sealed class Tally
    {
        public long Results, OutOfBounds, Unreachable, Grown, GrowRefused, HostThrew, StackExhausted, Interrupted, Collections;
        public readonly List<Exception> Unexpected = new();
    }

    [Fact]
    public void ThreadsRunTrapInterruptAndGrowWhileTheGcRuns()
    {
        var duration = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("WASMSHARP_SOAK_SECONDS"), out var s) ? s : 10);
        var engine = Wasm.Engine();
        using var module = Wasm.Compile(engine, Worker);
        var linker = new Linker().DefineFunction("env", "host", (int x) => x % 3 == 0 ? throw new HostFailure(x) : x + 1);
        var live = new Store?[6];
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < duration;
        var workers = Enumerable.Range(0, live.Length).Select(i => StressThread.Start(tally.Unexpected, Running, r => Work(engine, module, linker, live, i, r, tally))).ToList();
        // the interrupter and the collector go on until the last worker is done: a worker may be in "spin"
        bool WorkersRunning() => workers.Any(w => w.IsAlive);
        var helpers = new[]
        {
            StressThread.Start(tally.Unexpected, WorkersRunning, r => { live[r.Next(live.Length)]?.Interrupt(); Thread.Sleep(1); }),
            StressThread.Start(tally.Unexpected, WorkersRunning, _ => { GC.Collect(); Interlocked.Increment(ref tally.Collections); Thread.Sleep(5); }),
        };
        foreach (var t in workers.Concat(helpers)) Assert.True(t.Join(duration + TimeSpan.FromSeconds(60)), "a soak thread hung");
        output.WriteLine($"{duration.TotalSeconds} s: {tally.Results} results, {tally.OutOfBounds} out-of-bounds traps, {tally.Unreachable} unreachable, " +
            $"{tally.Grown} grows, {tally.GrowRefused} refused at the maximum, {tally.HostThrew} host exceptions, {tally.StackExhausted} stack exhaustions, " +
            $"{tally.Interrupted} interrupted, {tally.Collections} forced GCs");
        lock (tally.Unexpected) Assert.Empty(tally.Unexpected);
        Assert.True(tally.Results > 0 && tally.OutOfBounds > 0 && tally.HostThrew > 0 && tally.Interrupted > 0 && tally.GrowRefused > 0,
            "every kind of outcome should have been seen");
    }

    /// <summary>One worker round: a fresh store, a few dozen random calls, then dispose (or drop it for the GC).</summary>
    private static void Work(Engine engine, Module module, Linker linker, Store?[] live, int slot, Random r, Tally tally)
    {
        var store = new Store(engine);
        var instance = linker.Instantiate(store, module);
        live[slot] = store;
        for (int i = r.Next(10, 60); i > 0; i--) Call(instance, r, tally);
        live[slot] = null;
        if (r.Next(2) == 0) store.Dispose();
    }

    private static void Call(Instance instance, Random r, Tally tally)
    {
        int op = r.Next(8);
        try
        {
            switch (op)
            {
                case 0: case 1:
                    int n = r.Next(1, 5000);
                    Assert.Equal(n * (n - 1) / 2, instance.GetFunction<int, int>("sum")!(n));
                    Interlocked.Increment(ref tally.Results);
                    break;
                case 2: instance.GetFunction<int>("oob")!(); Fail("oob returned"); break;
                case 3: instance.GetFunction("unreachable")!.Invoke(); Fail("unreachable returned"); break;
                case 4:
                    int old = instance.GetFunction<int>("grow")!();
                    Interlocked.Increment(ref old < 0 ? ref tally.GrowRefused : ref tally.Grown);
                    if (old < 0) Assert.Equal(4u, instance.GetMemory("mem")!.Pages);
                    break;
                case 5:
                    int x = r.Next(1000);
                    int y = instance.GetFunction<int, int>("host")!(x);
                    Assert.True(x % 3 != 0 && y == x + 1);
                    Interlocked.Increment(ref tally.Results);
                    break;
                case 6: instance.GetFunction<int, int>("deep")!(0); Fail("deep returned"); break;
                default: instance.GetFunction("spin")!.Invoke(); Fail("spin returned"); break;
            }
        }
        catch (TrapException e) when (e.Kind == TrapKind.Interrupted) { Interlocked.Increment(ref tally.Interrupted); }
        catch (TrapException e) when (op == 2 && e.Kind == TrapKind.OutOfBoundsMemoryAccess) { Interlocked.Increment(ref tally.OutOfBounds); }
        catch (TrapException e) when (op == 3 && e.Kind == TrapKind.Unreachable) { Interlocked.Increment(ref tally.Unreachable); }
        catch (TrapException e) when (op == 6 && e.Kind == TrapKind.CallStackExhausted) { Interlocked.Increment(ref tally.StackExhausted); }
        catch (HostFailure) when (op == 5) { Interlocked.Increment(ref tally.HostThrew); }
    }

    private static void Fail(string what) => throw new Xunit.Sdk.XunitException(what);
}
