using WasmSharp.Cil;
using WasmSharp.Compilers;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Every compiler and target of this host the runtime contract is checked against, by name.</summary>
internal static class Backends
{
    /// <summary>Singlepass with the host's CPU features (AVX where there is AVX), Singlepass on SSE4.2, the CIL
    /// compiler eager and lazy.</summary>
    public static TheoryData<string> Names => new("singlepass", "singlepass-sse4.2", "cil", "cil-lazy");

    public static Engine Engine(string backend, EngineConfig? config = null)
    {
        config ??= new EngineConfig();
        ICompiler compiler = backend switch
        {
            "singlepass" => new SinglepassCompiler(),
            "singlepass-sse4.2" => new SinglepassCompiler(),
            "cil" => new CilCompiler(),
            "cil-lazy" => new CilCompiler { LazyThreshold = 0 },
            _ => throw new ArgumentException($"unknown backend {backend}"),
        };
        return new Engine(compiler, backend == "singlepass-sse4.2" ? config with { X64Cpu = X64CpuLevel.Sse42 } : config);
    }
}
