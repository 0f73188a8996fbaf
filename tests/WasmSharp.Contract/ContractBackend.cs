namespace WasmSharp.Contract;

/// <summary>A compiler and target the contract is checked against: its name and how to build an engine for it from a
/// configuration (null: the defaults).</summary>
public sealed record ContractBackend(string Name, Func<EngineConfig?, Engine> CreateEngine)
{
    public Engine Engine(EngineConfig? config = null) => CreateEngine(config);
}
