using WasmSharp.Text;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Builds engines and instances from WAT text for the runtime tests.</summary>
internal static class Wasm
{
    public static Engine Engine(X64CpuLevel cpu = X64CpuLevel.Auto, int stack = 1 << 20) =>
        new(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu, MaxWasmStackBytes = stack });

    public static Module Compile(Engine engine, string wat) => Module.FromBytes(engine, Wat.ToBinary(wat));

    public static Instance Instantiate(string wat, Linker? linker = null, Store? store = null)
    {
        store ??= new Store(Engine());
        return (linker ?? new Linker()).Instantiate(store, Compile(store.Engine, wat));
    }
}
