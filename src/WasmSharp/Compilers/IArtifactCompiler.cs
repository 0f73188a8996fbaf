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

    /// <summary>The code's bytes and tables, in this compiler's own layout. <paramref name="payloadOffset"/> is where
    /// the payload will lie in the artifact, so the compiler can place its code at a page boundary of the file,
    /// where a loader can map it instead of copying it (<see cref="ArtifactFile"/>).</summary>
    byte[] SerializeCode(CompiledCode code, long payloadOffset);

    /// <summary>Maps code saved by <see cref="SerializeCode"/> for <paramref name="module"/>, without compiling.
    /// <paramref name="file"/>, when the artifact is a file, says where the payload lies in it, for mapping the code
    /// straight from the file; otherwise the code is copied out of <paramref name="payload"/>.</summary>
    /// <exception cref="ArtifactException">The payload does not fit the module.</exception>
    CompiledCode LoadCode(ReadOnlySpan<byte> payload, ModuleInfo module, Engine engine, ArtifactFile? file);
}
