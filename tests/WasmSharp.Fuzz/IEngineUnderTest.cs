namespace WasmSharp.Fuzz;

/// <summary>One engine configuration the fuzzer runs modules on.</summary>
public interface IEngineUnderTest
{
    string Name { get; }

    /// <summary>Instantiates the module with the fuzzing-support imports, calls every exported function in export
    /// order with zero arguments, and returns what was observed.</summary>
    ModuleRun Run(byte[] wasm);
}
