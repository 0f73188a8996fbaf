using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Tiny leaf functions (no call, no loop, small body) skip the entry stack check and their callers the
/// unwind check after calling them (TinyLeaves.cs); small functions that neither trap nor call are inlined
/// (CilCompiler.InlineSize). Interrupts, exhaustion, traps and results must not change.</summary>
public class TinyLeafTests
{
    private static readonly Engine Eager = new(new CilCompiler());
    private static readonly Engine Lazy = new(new CilCompiler { LazyThreshold = 0 });

    private static TrapKind TrapOf(Action a) => Assert.Throws<TrapException>(a).Kind;

    private static Instance Instantiate(Engine engine, Store store, string wat) =>
        new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat)));

    [Theory]
    [InlineData("(func (param f32) (result f32) (f32.min (local.get 0) (f32.const 1)))", true)]
    [InlineData("(func (param i32) (result i32) (local i32 i32) (i32.add (local.get 0) (i32.const 1)))", true)]
    [InlineData("(func (param i32) (result i32) (i32.load (local.get 0)))", true)] // may trap: still no unwind
    [InlineData("(func (param i32) (result i32) (call 0 (local.get 0)))", false)]
    [InlineData("(func (param i32) (result i32) (loop $l (br_if $l (i32.eqz (local.get 0)))) (local.get 0))", false)]
    [InlineData("(func (param i32) (result i32) (local v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128) (local.get 0))", false)]
    public void TinyLeavesAreSmallFunctionsWithoutCallsOrLoops(string func, bool tiny)
    {
        var module = Module.FromBytes(Eager, Wat.ToBinary($"(module (memory 1) {func})"));
        var ctx = new ModuleContext(module.Info, Eager, 0, null, null);
        Assert.Equal(tiny, TinyLeaves.IsTinyLeaf(ctx, 0));
        var deterministic = new Engine(new CilCompiler(), new EngineConfig { Deterministic = true });
        Assert.False(TinyLeaves.IsTinyLeaf(new ModuleContext(module.Info, deterministic, 0, null, null), 0));
    }

    [Fact]
    public void AnInterruptStopsALoopThatOnlyCallsATinyLeaf()
    {
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var f = Instantiate(engine, store, """
                (module
                  (func $leaf (param f32) (result f32) (f32.max (local.get 0) (f32.const -1)))
                  (func (export "f") (param f32) (result f32)
                    (loop $l (local.set 0 (call $leaf (local.get 0))) (br $l))
                    (local.get 0)))
                """).GetFunction("f")!;
            using (new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite))
                Assert.Equal(TrapKind.Interrupted, TrapOf(() => f.Invoke(Value.F32(0))));
        }
    }

    [Fact]
    public void RecursionThatCallsATinyLeafOnEveryLevelStillExhaustsTheStack()
    {
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var f = Instantiate(engine, store, """
                (module
                  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func $f (export "f") (param i32) (result i32)
                    (i32.add (call $leaf (local.get 0)) (call $f (call $leaf (local.get 0))))))
                """).GetFunction("f")!;
            Assert.Equal(TrapKind.CallStackExhausted, TrapOf(() => f.Invoke(Value.I32(0))));
        }
    }

    [Fact]
    public void ATrapInATinyLeafKeepsItsFrameInTheBacktrace()
    {
        foreach (var engine in new[] { Eager, Lazy })
        {
            using var store = new Store(engine);
            var e = Assert.Throws<TrapException>(() => Instantiate(engine, store, """
                (module (memory 1)
                  (func $leaf (param i32) (result i32) (i32.load (local.get 0)))
                  (func (export "g") (result i32) (call $leaf (i32.const 65536))))
                """).GetFunction("g")!.Invoke());
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, e.Kind);
            Assert.Equal([0u, 1u], e.WasmStackTrace.Select(f => f.FunctionIndex));
        }
    }
}
