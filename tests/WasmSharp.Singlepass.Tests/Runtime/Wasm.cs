using WasmSharp.Text;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Builds engines and instances from WAT text for the runtime tests.</summary>
internal static class Wasm
{
    public static Engine Engine(X64CpuLevel cpu = X64CpuLevel.Auto, int stack = 1 << 20) =>
        new(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu, MaxWasmStackBytes = stack });

    public static Module Compile(Engine engine, string wat) => Module.FromBytes(engine, Wat.ToBinary(wat));

    /// <summary>Appends a <c>name</c> section naming functions 0, 1, ... (our WAT encoder writes none).</summary>
    public static byte[] WithFunctionNames(byte[] wasm, params string[] names)
    {
        var map = new List<byte> { (byte)names.Length };
        for (int i = 0; i < names.Length; i++)
        {
            map.Add((byte)i);
            map.Add((byte)names[i].Length);
            map.AddRange(System.Text.Encoding.UTF8.GetBytes(names[i]));
        }
        var payload = new List<byte> { 4, (byte)'n', (byte)'a', (byte)'m', (byte)'e', 1, (byte)map.Count };
        payload.AddRange(map);
        return [.. wasm, 0, (byte)payload.Count, .. payload];
    }

    public static Instance Instantiate(string wat, Linker? linker = null, Store? store = null)
    {
        store ??= new Store(Engine());
        return (linker ?? new Linker()).Instantiate(store, Compile(store.Engine, wat));
    }
}
