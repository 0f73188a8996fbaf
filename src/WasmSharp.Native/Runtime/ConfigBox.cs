using WasmSharp.Singlepass;

namespace WasmSharp.Native.Runtime;

/// <summary>What a <c>wasm_config_t</c> stands for: engine settings being gathered, and the compiler chosen.</summary>
internal sealed class ConfigBox
{
    public EngineConfig Config { get; set; } = new();

    /// <summary>Only Singlepass: the CIL compiler needs Reflection.Emit, which NativeAOT does not have.</summary>
    public static readonly string[] Compilers = ["singlepass"];

    public Engine NewEngine() => new(new SinglepassCompiler(), Config);
}
