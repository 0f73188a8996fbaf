using System.Runtime.CompilerServices;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Stores dropped without Dispose are reclaimed by the GC, and many live instances fit in one process.</summary>
[Collection(AddressSpaceCollection.Name)]
public class ReclaimTests
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
        Collect();
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
        Collect();
        long before = Memory.ReservedAddressSpace;
        for (int i = 0; i < 20_000; i++) DropInstance(engine, module, linker);
        Collect();
        // every dropped store's memory went back (the 8 GiB reservations would have run out at about 16,000)
        Assert.Equal(before, Memory.ReservedAddressSpace);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropInstance(Engine engine, Module module, Linker linker) =>
        Assert.Equal(7, linker.Instantiate(new Store(engine), module).GetFunction<int>("f")());

    [Fact]
    public void TenThousandLiveInstancesWithMemoriesInOneProcess()
    {
        var engine = Wasm.Engine();
        using var module = Wasm.Compile(engine, WithMemory);
        var linker = SevenLinker();
        var stores = new List<Store>();
        var fs = new List<Func<int>>();
        try
        {
            for (int i = 0; i < 10_000; i++)
            {
                var store = new Store(engine);
                stores.Add(store);
                fs.Add(linker.Instantiate(store, module).GetFunction<int>("f"));
            }
            Assert.All(fs, f => Assert.Equal(7, f()));
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }

    private static void Collect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
