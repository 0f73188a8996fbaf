using WasmSharp.Fuzz;

namespace WasmSharp.Fuzz.Tests;

/// <summary>The fuzzer's engines, made once per test run (Wasmtime's engine is costly to create).</summary>
internal static class Engines
{
    private static readonly Lazy<List<IEngineUnderTest>> All = new(FuzzCampaign.DefaultEngines);

    public static IReadOnlyList<IEngineUnderTest> List => All.Value;

    public static IEngineUnderTest Reference => All.Value[0];

    public static IEngineUnderTest Named(string name) => All.Value.Single(e => e.Name == name);

    /// <summary>The WasmSharp engines this machine runs (the reference excluded).</summary>
    public static IEnumerable<string> UnderTest() =>
        [.. System.Runtime.Intrinsics.X86.Avx.IsSupported ? ["singlepass-avx"] : Array.Empty<string>(), "singlepass-sse4.2", "cil"];
}
