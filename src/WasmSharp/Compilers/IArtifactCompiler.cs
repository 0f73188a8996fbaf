using WasmSharp.Artifacts;

namespace WasmSharp.Compilers;

/// <summary>
/// A compiler whose code can be saved and loaded again without compiling (<see cref="Module.Serialize"/>,
/// <see cref="Module.DeserializeTrusted"/>). Its code must embed no host address: loading only maps it.
/// </summary>
public interface IArtifactCompiler
{
    /// <summary>What code compiled by <paramref name="engine"/> depends on: the target with its CPU features, and
    /// every setting that changes the generated code. An artifact loads only into an engine that describes itself
    /// identically.</summary>
    ArtifactTarget Describe(Engine engine);

    /// <summary>The code's bytes and tables, in this compiler's own layout.</summary>
    byte[] SerializeCode(CompiledCode code);

    /// <summary>Maps code saved by <see cref="SerializeCode"/> for <paramref name="module"/>, without compiling.</summary>
    /// <exception cref="ArtifactException">The payload does not fit the module.</exception>
    CompiledCode LoadCode(ReadOnlySpan<byte> payload, ModuleInfo module, Engine engine);
}
