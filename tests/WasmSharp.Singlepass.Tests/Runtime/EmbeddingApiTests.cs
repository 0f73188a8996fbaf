using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The core API the C API builds on: <see cref="Extern"/>, positional instantiation, exports in module
/// order, import resolution without instantiation, and calls into caller-provided spans.</summary>
public class EmbeddingApiTests
{
    private const string Importer = """
        (module
          (import "env" "g" (global $g i32))
          (import "env" "f" (func $f (param i32) (result i32)))
          (func (export "z") (result i32) (call $f (global.get $g)))
          (memory (export "a") 1)
          (global (export "m") i32 (i32.const 3)))
        """;

    [Fact]
    public void PositionalInstantiationTakesImportsInOrder()
    {
        var store = new Store(Wasm.Engine());
        var module = Wasm.Compile(store.Engine, Importer);
        var g = store.CreateGlobal(new GlobalType(ValType.I32, false), 20);
        var f = store.CreateFunction(new FuncType([ValType.I32], [ValType.I32]), (a, r) => r[0] = a[0].AsInt32() + 1);
        var instance = Instance.Instantiate(store, module, [g, f]);
        Assert.Equal(21, instance.GetFunction<int>("z")());

        Assert.Contains("2 imports, 1 were given", Assert.Throws<LinkException>(() => Instance.Instantiate(store, module, [g])).Message);
        Assert.Contains("expected a global, got a function",
            Assert.Throws<LinkException>(() => Instance.Instantiate(store, module, [f, f])).Message);
    }

    [Fact]
    public void PositionalInstantiationRefusesOtherStoresAndEngines()
    {
        var store = new Store(Wasm.Engine());
        var other = new Store(Wasm.Engine());
        var module = Wasm.Compile(store.Engine, Importer);
        var g = store.CreateGlobal(new GlobalType(ValType.I32, false), 1);
        var foreign = other.CreateFunction(new FuncType([ValType.I32], [ValType.I32]), (a, r) => r[0] = a[0]);
        Assert.Contains("another store", Assert.Throws<LinkException>(() => Instance.Instantiate(store, module, [g, foreign])).Message);
        Assert.Contains("another engine", Assert.Throws<LinkException>(() => Instance.Instantiate(other, module, [g, foreign])).Message);
    }

    [Fact]
    public void OrderedExportsFollowTheExportSection()
    {
        var store = new Store(Wasm.Engine());
        var linker = new Linker()
            .Define("env", "g", store.CreateGlobal(new GlobalType(ValType.I32, false), 0))
            .DefineFunction("env", "f", (int x) => x);
        var exports = Wasm.Instantiate(Importer, linker, store).OrderedExports;
        Assert.Equal(["z", "a", "m"], exports.Select(e => e.Name));
        Assert.Equal([ExternKind.Func, ExternKind.Memory, ExternKind.Global], exports.Select(e => e.Item.Kind));
        Assert.NotNull(exports[0].Item.AsFunction());
        Assert.Null(exports[0].Item.AsMemory());
        Assert.Equal(3, exports[2].Item.AsGlobal()!.Value.AsInt32());
    }

    [Fact]
    public void ExternWrapsOnlyTheFourItemKinds()
    {
        var store = new Store(Wasm.Engine());
        var table = store.CreateTable(new TableType(ValType.FuncRef, new Limits(1, null)), Value.FuncRef(null));
        Assert.Equal(ExternKind.Table, Extern.From(table).Kind);
        Assert.Equal(Extern.From(table), (Extern)table);
        Assert.Throws<ArgumentException>(() => Extern.From("not an extern"));
    }

    [Fact]
    public void ResolveImportsGivesTheDefinitionsInImportOrder()
    {
        var store = new Store(Wasm.Engine());
        var module = Wasm.Compile(store.Engine, Importer);
        var g = store.CreateGlobal(new GlobalType(ValType.I32, false), 4);
        var linker = new Linker().DefineFunction("env", "f", (int x) => x * 10).Define("env", "g", g);
        var imports = linker.ResolveImports(store, module);
        Assert.Equal([ExternKind.Global, ExternKind.Func], imports.Select(e => e.Kind));
        Assert.Same(g, imports[0].Item);
        Assert.Equal(40, Instance.Instantiate(store, module, imports).GetFunction<int>("z")());
        Assert.Throws<LinkException>(() => new Linker().ResolveImports(store, module));
    }

    [Fact]
    public void SpanCallsCheckTheirArgumentsAndAllocateNothing()
    {
        var f = Wasm.Instantiate("""
            (module (func (export "divmod") (param i32 i32) (result i32 i32)
              (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1))))
            """).GetFunction("divmod")!;
        Span<Value> results = new Value[2];
        ReadOnlySpan<Value> args = [Value.I32(47), Value.I32(5)];
        f.Invoke(args, results);
        Assert.Equal([9, 2], new[] { results[0].AsInt32(), results[1].AsInt32() });

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) f.Invoke(args, results);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        Assert.Throws<ArgumentException>(() => f.Invoke([Value.I32(1)], new Value[2]));
        Assert.Throws<ArgumentException>(() => f.Invoke([Value.I32(1), Value.I32(2)], new Value[1]));
        Assert.Throws<ArgumentException>(() => f.Invoke([Value.I64(1), Value.I32(2)], new Value[2]));
        Assert.Throws<TrapException>(() => f.Invoke([Value.I32(1), Value.I32(0)], new Value[2]));
    }
}
