using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>The runtime's lifetime rules hold for CIL-compiled code too: disposed stores throw, a Dispose inside a
/// call takes effect when it returns, Interrupt after Dispose does nothing, and a disposed module's instances run on.</summary>
public class LifetimeTests
{
    private static readonly Engine Engine = new(new CilCompiler());

    private static Instance Instantiate(Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(Engine, Wat.ToBinary(wat)));

    [Fact]
    public void AHostFunctionMayDisposeItsOwnStoreAndTheCallStillFinishes()
    {
        var store = new Store(Engine);
        var linker = new Linker().DefineAction("env", "dispose", () => store.Dispose());
        var run = Instantiate(store, """
            (module (import "env" "dispose" (func $dispose)) (memory 1)
              (func (export "run") (result i32)
                call $dispose
                i32.const 1 memory.grow drop
                i32.const 0 i32.const 7 i32.const 100 memory.fill
                i32.const 250 i32.const 0 i32.const 100 memory.copy
                i32.const 300 i32.load8_u memory.size i32.add))
            """, linker).GetFunction<int>("run");
        Assert.Equal(7 + 2, run());
        Assert.Throws<ObjectDisposedException>(() => run());
        store.Interrupt();
    }

    [Fact]
    public void ADisposedModulesInstancesRunOn()
    {
        var module = Module.FromBytes(Engine, Wat.ToBinary("(module (func (export \"f\") (result i32) i32.const 5))"));
        using var store = new Store(Engine);
        var f = new Linker().Instantiate(store, module).GetFunction<int>("f");
        module.Dispose();
        Assert.Equal(5, f());
        Assert.Throws<ObjectDisposedException>(() => new Linker().Instantiate(store, module));
    }

    [Fact]
    public void MembersOfADisposedStoreThrow()
    {
        var store = new Store(Engine);
        var instance = Instantiate(store, "(module (memory (export \"m\") 1) (global (export \"g\") i32 (i32.const 1)))");
        var memory = instance.GetMemory("m")!;
        var global = instance.GetGlobal("g")!;
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => memory.Read<int>(0));
        Assert.Throws<ObjectDisposedException>(() => memory.Length);
        Assert.Throws<ObjectDisposedException>(() => global.Value);
        Assert.Throws<ObjectDisposedException>(() => instance.GetMemory("m"));
    }
}
