using WasmSharp.Artifacts;
using WasmSharp.Compilers;

namespace WasmSharp;

public sealed partial class Module
{
    /// <summary>
    /// The module with its compiled code as a precompiled artifact (see <see cref="ArtifactFormat"/>), to be loaded
    /// by <see cref="DeserializeTrusted"/> into an engine with the same compiler, target and code settings.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine's compiler cannot serialize its code.</exception>
    public byte[] Serialize()
    {
        ThrowIfDisposed();
        var compiler = ArtifactCompiler(Engine);
        var header = new ArtifactHeader(ArtifactFormat.Version, WasmSharpVersion.Current, compiler.Describe(Engine),
            ArtifactFormat.HashModule(Info.Bytes));
        return ArtifactFormat.Write(header, Info.Bytes, compiler.SerializeCode(Code));
    }

    /// <summary>
    /// Loads an artifact made by <see cref="Serialize"/> without compiling: the module's sections are decoded, its
    /// function bodies are neither validated nor compiled, and the saved machine code is mapped and run as is.
    /// <para><b>Trust:</b> loading an artifact means running its bytes as native code. The checksum catches damage,
    /// not malice: load only artifacts you produced or trust as you would a native library.</para>
    /// </summary>
    /// <exception cref="ArtifactException">Not an artifact, damaged, or made for another WasmSharp version, compiler,
    /// target, CPU features or code settings; the message says which.</exception>
    public static Module DeserializeTrusted(Engine engine, ReadOnlyMemory<byte> artifact, string? name = null)
    {
        var compiler = ArtifactCompiler(engine);
        var contents = ArtifactFormat.Read(artifact);
        CheckCompatible(contents.Header, compiler.Describe(engine));
        var bytes = contents.Module.ToArray();
        if (!ArtifactFormat.HashModule(bytes).AsSpan().SequenceEqual(contents.Header.ModuleHash))
            throw new ArtifactException("artifact is corrupted (module hash mismatch)");
        var info = Binary.ModuleDecoder.Decode(bytes);
        Validation.ModuleRestrictions.Validate(info, engine.Config);
        var code = compiler.LoadCode(contents.Payload.Span, info, engine);
        return new Module(engine, info, code, name);
    }

    /// <summary>Loads an artifact file; see <see cref="DeserializeTrusted"/> for what trusting it means.</summary>
    public static Module DeserializeTrustedFile(Engine engine, string path) =>
        DeserializeTrusted(engine, File.ReadAllBytes(path), Path.GetFileName(path));

    private static IArtifactCompiler ArtifactCompiler(Engine engine) => engine.Compiler as IArtifactCompiler
        ?? throw new NotSupportedException($"the {engine.Compiler.Name} compiler cannot serialize or load precompiled code (its code lives in the .NET runtime); use the Singlepass compiler");

    /// <summary>Refuses an artifact made by another build or for other code: the message names the difference.</summary>
    private static void CheckCompatible(ArtifactHeader header, ArtifactTarget engine)
    {
        var made = header.Target;
        if (header.WasmSharpVersion != WasmSharpVersion.Current)
            throw new ArtifactException($"artifact was made by WasmSharp {header.WasmSharpVersion}, this is {WasmSharpVersion.Current}");
        if (made.Compiler != engine.Compiler)
            throw new ArtifactException($"artifact was compiled by {made.Compiler}, this engine uses {engine.Compiler}");
        if (made.Target != engine.Target)
            throw new ArtifactException($"artifact was compiled for target {made.Target}, this engine targets {engine.Target} (ISA or CPU features differ)");
        if (made.Settings != engine.Settings)
            throw new ArtifactException($"artifact was compiled with settings {made.Settings}, this engine has {engine.Settings}");
    }
}
