using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Stores dropped without Dispose are reclaimed by the GC, and many live instances fit in one process.</summary>
[Collection(AddressSpaceCollection.Name)]
public class ReclaimTests(ITestOutputHelper output)
{
    private const string WithMemory = """
        (module (import "env" "seven" (func $seven (result i32))) (memory 1)
          (func (export "f") (result i32) i32.const 0 call $seven i32.store i32.const 0 i32.load))
        """;

    private static Linker SevenLinker() => new Linker().DefineFunction("env", "seven", () => 7);

    [Fact]
    public void DroppedStoresAreCollectedEvenThroughALongLivedLinker()
    {
        var engine = Wasm.Engine();
        var module = Wasm.Compile(engine, WithMemory);
        var linker = SevenLinker();
        var weak = DropOne(engine, module, linker);
        ProcessResources.Settle();
        Assert.False(weak.TryGetTarget(out _), "a dropped store stayed reachable");
        GC.KeepAlive(linker);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<Store> DropOne(Engine engine, Module module, Linker linker)
    {
        var store = new Store(engine);
        Assert.Equal(7, linker.Instantiate(store, module).GetFunction<int>("f")());
        return new WeakReference<Store>(store);
    }

    [Fact]
    public void TwentyThousandDroppedInstancesWithMemoriesDoNotExhaustAddressSpace()
    {
        var engine = Wasm.Engine();
        using var module = Wasm.Compile(engine, WithMemory);
        var linker = SevenLinker();
        ProcessResources.Settle();
        long before = Memory.ReservedAddressSpace;
        for (int i = 0; i < 20_000; i++) DropInstance(engine, module, linker);
        ProcessResources.Settle();
        // every dropped store's memory went back (the 8 GiB reservations would have run out at about 16,000)
        Assert.Equal(before, Memory.ReservedAddressSpace);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropInstance(Engine engine, Module module, Linker linker) =>
        Assert.Equal(7, linker.Instantiate(new Store(engine), module).GetFunction<int>("f")());

    /// <summary>Also the scale figures: instantiation time and resident memory per instance (one 1-page memory,
    /// one host import), printed for the README. The bounds are loose (a shared, loaded CI machine); the goal is
    /// 50 µs and 64 KiB beyond the memory's own pages.</summary>
    [Fact]
    public void TenThousandLiveInstancesWithMemoriesInOneProcess()
    {
        const int n = 10_000;
        var engine = Wasm.Engine();
        using var module = Wasm.Compile(engine, WithMemory);
        var linker = SevenLinker();
        var stores = new List<Store>(n);
        var fs = new List<Func<int>>(n);
        linker.Instantiate(new Store(engine), module); // warm-up: JIT of the instantiation path
        ProcessResources.Settle();
        long rssBefore = ProcessResources.ResidentBytes();
        try
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                var store = new Store(engine);
                stores.Add(store);
                fs.Add(linker.Instantiate(store, module).GetFunction<int>("f"));
            }
            double micros = clock.Elapsed.TotalMicroseconds / n;
            Assert.All(fs, f => Assert.Equal(7, f()));
            double kib = (ProcessResources.ResidentBytes() - rssBefore) / 1024.0 / n;
            // each call touched one 4 KiB page of its memory: the rest is the instance's own cost
            output.WriteLine($"{n} live instances: {micros:F1} µs to instantiate each (store included), {kib:F1} KiB RSS each after one call ({kib - 4:F1} KiB beyond the touched memory page)");
            Assert.True(micros < 1000, $"instantiation took {micros:F1} µs per instance");
            Assert.True(kib < 256, $"{kib:F1} KiB per instance");
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }
}
