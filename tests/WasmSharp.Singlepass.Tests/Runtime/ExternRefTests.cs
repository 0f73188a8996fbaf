using System.Runtime.CompilerServices;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Externref handles are released once nothing holds them, and never while a table or global does.</summary>
public class ExternRefTests
{
    private const string Wat = """
        (module (table (export "t") 1 externref) (global (export "g") (mut externref) (ref.null extern))
          (func (export "id") (param externref) (result externref) local.get 0)
          (func (export "keep") (param externref) i32.const 0 local.get 0 table.set)
          (func (export "pin") (param externref) local.get 0 global.set 0))
        """;

    [Fact]
    public void ObjectsPassedThroughALongLivedStoreAreNotKeptForever()
    {
        using var store = new Store(Wasm.Engine());
        var instance = Wasm.Instantiate(Wat, store: store);
        var id = instance.GetFunction<object, object>("id");
        var first = PassOnce(id);
        for (int i = 0; i < 20_000; i++) Assert.NotNull(id(new object()));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(first.TryGetTarget(out _), "the store still holds an object Wasm dropped long ago");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<object> PassOnce(Func<object, object> id)
    {
        var o = new object();
        Assert.Same(o, id(o));
        return new WeakReference<object>(o);
    }

    [Fact]
    public void ObjectsInTablesAndGlobalsSurviveSweeps()
    {
        using var store = new Store(Wasm.Engine());
        var instance = Wasm.Instantiate(Wat, store: store);
        var inTable = new object();
        var inGlobal = new object();
        instance.GetAction<object>("keep")(inTable);
        instance.GetAction<object>("pin")(inGlobal);
        var id = instance.GetFunction<object, object>("id");
        for (int i = 0; i < 20_000; i++)
        {
            var o = new object();
            Assert.Same(o, id(o));
        }
        Assert.Same(inTable, instance.GetTable("t")!.Get(0).Ref);
        Assert.Same(inGlobal, instance.GetGlobal("g")!.Value.Ref);
    }
}
