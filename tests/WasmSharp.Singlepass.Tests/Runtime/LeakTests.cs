using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Engines, modules, stores and instances created, run, trapped and then disposed or dropped give back what they
/// took: descriptors, mappings (code regions, linear memories, guards) and resident memory return to the baseline.
/// </summary>
[Collection(AddressSpaceCollection.Name)]
public class LeakTests(ITestOutputHelper output)
{
    private const string Program = """
        (module (import "env" "id" (func $id (param i32) (result i32))) (memory (export "mem") 1 4)
          (table 2 funcref) (global (mut i64) (i64.const 0))
          (func (export "run") (param i32) (result i32)
            (drop (memory.grow (i32.const 1)))
            (i32.store (i32.const 70000) (call $id (local.get 0)))
            (i32.load (i32.const 70000)))
          (func (export "trap") (result i32) (i32.load (i32.const 1000000))))
        """;

    [Fact]
    public void DescriptorsMappingsAndRssReturnToTheBaseline()
    {
        Cycle(rounds: 50); // warm-up: JIT, runtime pools, the signal handler
        ProcessResources.Settle();
        var (fds, maps, rss) = (ProcessResources.OpenDescriptors(), ProcessResources.Mappings(), ProcessResources.ResidentBytes());
        Cycle(rounds: 500);
        ProcessResources.Settle();
        var (fds2, maps2, rss2) = (ProcessResources.OpenDescriptors(), ProcessResources.Mappings(), ProcessResources.ResidentBytes());
        output.WriteLine($"after 500 rounds: descriptors {fds} -> {fds2}, mappings {maps} -> {maps2}, RSS {rss >> 20} -> {rss2 >> 20} MiB");
        Assert.True(fds2 <= fds, $"descriptors leaked: {fds} -> {fds2}");
        // a few mappings may come and go with the runtime's own heaps and thread stacks; 500 rounds that leaked
        // would leave at least 500 (one code region or one memory each)
        Assert.True(maps2 <= maps + 20, $"mappings leaked: {maps} -> {maps2}");
        Assert.True(rss2 - rss < 48L << 20, $"RSS grew by {(rss2 - rss) >> 20} MiB");
    }

    /// <summary>Each round: a module compiled, two stores (one disposed, one dropped), calls, a trap.</summary>
    private static void Cycle(int rounds)
    {
        var engine = Wasm.Engine();
        var linker = new Linker().DefineFunction("env", "id", (int x) => x);
        for (int i = 0; i < rounds; i++)
        {
            using var module = Wasm.Compile(engine, Program);
            using (var store = new Store(engine)) RunAndTrap(linker.Instantiate(store, module), i);
            RunAndTrap(linker.Instantiate(new Store(engine), module), i);
        }
    }

    private static void RunAndTrap(Instance instance, int i)
    {
        Assert.Equal(i, instance.GetFunction<int, int>("run")!(i));
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => instance.GetFunction<int>("trap")!()).Kind);
    }
}
