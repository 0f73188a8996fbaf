using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// <see cref="Store.Limiter"/> on every compiler: memory.grow and table.grow denied with -1, instantiation and host
/// creation denied with a <see cref="ResourceLimitException"/> naming the limit, the counts, the arguments a limiter
/// sees, and a limiter that throws from under a running call.
/// </summary>
public class ResourceLimiterTests
{
    private const string Grower = """
        (module (memory (export "mem") 1) (table (export "tab") 1 funcref)
          (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
          (func (export "tgrow") (param i32) (result i32) ref.null func local.get 0 table.grow 0))
        """;

    private static (Store Store, Instance Instance) Instantiate(string backend, IResourceLimiter limiter, string wat = Grower)
    {
        var store = new Store(Backends.Engine(backend)) { Limiter = limiter };
        var module = Module.FromBytes(store.Engine, Wat.ToBinary(wat));
        return (store, new Linker().Instantiate(store, module));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void GrowBeyondTheLimitsReturnsMinusOne(string backend)
    {
        var (_, instance) = Instantiate(backend, new StoreLimits { MemoryBytes = 4 * MemoryType.PageSize, TableElements = 10 });
        var grow = instance.GetFunction<int, int>("grow");
        Assert.Equal(1, grow(3));
        Assert.Equal(-1, grow(1));
        Assert.Equal(4u, instance.GetMemory("mem")!.Pages);
        var tgrow = instance.GetFunction<int, int>("tgrow");
        Assert.Equal(1, tgrow(9));
        Assert.Equal(-1, tgrow(1));
        // the host API asks the limiter too
        Assert.Equal(-1, instance.GetMemory("mem")!.Grow(1));
        Assert.Equal(-1, instance.GetTable("tab")!.Grow(1, Value.FuncRef(null)));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void InitialMemoryBeyondTheLimitFailsInstantiation(string backend)
    {
        var e = Assert.Throws<ResourceLimitException>(() =>
            Instantiate(backend, new StoreLimits { MemoryBytes = MemoryType.PageSize }, "(module (memory 2))"));
        Assert.Contains("2 pages (131072 bytes)", e.Message);
        Assert.Contains("StoreLimits.MemoryBytes is 65536", e.Message);
        var t = Assert.Throws<ResourceLimitException>(() =>
            Instantiate(backend, new StoreLimits { TableElements = 5 }, "(module (table 6 funcref))"));
        Assert.Contains("StoreLimits.TableElements is 5", t.Message);
    }

    [Fact]
    public void CountsOfInstancesMemoriesAndTablesAreLimited()
    {
        var store = new Store(Backends.Engine("singlepass")) { Limiter = new StoreLimits { Instances = 2, Memories = 1, Tables = 1 } };
        var withMemory = Module.FromBytes(store.Engine, Wat.ToBinary("(module (memory 1))"));
        var empty = Module.FromBytes(store.Engine, Wat.ToBinary("(module)"));
        new Linker().Instantiate(store, withMemory);
        var memories = Assert.Throws<ResourceLimitException>(() => new Linker().Instantiate(store, withMemory));
        Assert.Contains("2 memories in the store, over the resource limiter's limit of 1", memories.Message);
        Assert.Throws<ResourceLimitException>(() => store.CreateMemory(new MemoryType(new Limits(1, null))));
        store.CreateTable(new TableType(ValType.FuncRef, new Limits(1, null)), Value.FuncRef(null));
        Assert.Contains("tables", Assert.Throws<ResourceLimitException>(() =>
            store.CreateTable(new TableType(ValType.FuncRef, new Limits(1, null)), Value.FuncRef(null))).Message);
        new Linker().Instantiate(store, empty);
        var instances = Assert.Throws<ResourceLimitException>(() => new Linker().Instantiate(store, empty));
        Assert.Contains("3 instances in the store, over the resource limiter's limit of 2", instances.Message);
    }

    private sealed class Recorder : IResourceLimiter
    {
        public readonly List<string> Asked = new();
        public bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes)
        {
            Asked.Add($"memory {currentBytes}->{desiredBytes} max {maximumBytes?.ToString() ?? "none"}");
            return true;
        }
        public bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements)
        {
            Asked.Add($"table {currentElements}->{desiredElements} max {maximumElements?.ToString() ?? "none"}");
            return desiredElements < 4;
        }
        public int Instances => 10;
        public int Memories => 10;
        public int Tables => 10;
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void LimiterSeesCurrentDesiredAndMaximum(string backend)
    {
        var recorder = new Recorder();
        var (_, instance) = Instantiate(backend, recorder, """
            (module (memory 1 3) (table 2 funcref)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "tgrow") (param i32) (result i32) ref.null func local.get 0 table.grow 0))
            """);
        Assert.Equal(1, instance.GetFunction<int, int>("grow")(1));
        Assert.Equal(-1, instance.GetFunction<int, int>("grow")(5)); // over the maximum: the limiter is not asked
        Assert.Equal(2, instance.GetFunction<int, int>("tgrow")(1));
        Assert.Equal(-1, instance.GetFunction<int, int>("tgrow")(1));
        Assert.Equal(["memory 0->65536 max 196608", "table 0->2 max none", "memory 65536->131072 max 196608", "table 2->3 max none", "table 3->4 max none"], recorder.Asked);
    }

    private sealed class Failing : IResourceLimiter
    {
        public static readonly InvalidOperationException Error = new("the embedder's limiter failed");
        public bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes) => currentBytes == 0 ? true : throw Error;
        public bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) => true;
        public int Instances => 10;
        public int Memories => 10;
        public int Tables => 10;
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void LimiterThatThrowsUnderACallStopsItAndTheExceptionReachesTheCaller(string backend)
    {
        // retries memory.grow forever: only the limiter's exception can end it
        var (store, instance) = Instantiate(backend, new Failing(), """
            (module (memory 1)
              (func (export "retry") loop i32.const 1 memory.grow i32.const -1 i32.eq br_if 0 end)
              (func (export "once") (result i32) i32.const 1 memory.grow)
              (func (export "answer") (result i32) i32.const 42))
            """);
        Assert.Same(Failing.Error, Assert.Throws<InvalidOperationException>(() => instance.GetAction("retry")()));
        // a grow that fails and returns at once: the exception is re-thrown when the call returns
        Assert.Same(Failing.Error, Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int>("once")()));
        // the store is usable afterwards, and nothing is left pending
        Assert.Equal(42, instance.GetFunction<int>("answer")());
        Assert.Equal(42, instance.GetFunction<int>("answer")());
        // from the host API the exception propagates directly
        Assert.Same(Failing.Error, Assert.Throws<InvalidOperationException>(() => instance.Memory!.Grow(1)));
        Assert.False(store.IsDisposed);
    }
}
