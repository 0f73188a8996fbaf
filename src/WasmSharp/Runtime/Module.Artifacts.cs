using WasmSharp.Artifacts;
using WasmSharp.Compilers;

namespace WasmSharp;

public sealed partial class Module
{
    /// <summary>The hash of the module this one was compiled from, when it was loaded from an artifact (its
    /// <see cref="Info"/> then holds the module without function bodies); null when compiled here.</summary>
    private byte[]? _compiledModuleHash;

    /// <summary>The mapping of the artifact file this module was loaded from, when it was: its data image and the
    /// code's tables are read in place, so it lives as long as the code (see <see cref="ReleaseArtifact"/>).</summary>
    private MappedFile? _artifact;

    /// <summary>
    /// The module with its compiled code as a precompiled artifact (see <see cref="ArtifactFormat"/>), to be loaded
    /// by <see cref="DeserializeTrusted"/> into an engine with the same compiler, target and code settings. The
    /// artifact holds the module without its function bodies (the code replaces them), and the original module's hash.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine's compiler cannot serialize its code.</exception>
    public byte[] Serialize()
    {
        ThrowIfDisposed();
        var compiler = ArtifactCompiler(Engine);
        var header = new ArtifactHeader(ArtifactFormat.Version, WasmSharpVersion.Current, compiler.Describe(Engine),
            _compiledModuleHash ?? ArtifactFormat.HashModule(Info.Bytes));
        var (module, image) = BodilessModule.From(Info);
        return ArtifactFormat.Write(header, module, image.Span, payloadOffset => compiler.SerializeCode(Code, payloadOffset));
    }

    /// <summary>
    /// Loads an artifact made by <see cref="Serialize"/> without compiling: the module's sections are decoded, and the
    /// saved machine code is copied (or mapped) into executable memory and run as is. The loaded module's
    /// <see cref="Info"/> has empty function bodies: the artifact does not keep them.
    /// <para><b>Trust:</b> loading an artifact means running its bytes as native code. The checksum catches damage,
    /// not malice: load only artifacts you produced or trust as you would a native library.</para>
    /// </summary>
    /// <exception cref="ArtifactException">Not an artifact, damaged, or made for another WasmSharp version, compiler,
    /// target, CPU features or code settings; the message says which.</exception>
    public static Module DeserializeTrusted(Engine engine, ReadOnlyMemory<byte> artifact, string? name = null) =>
        Load(engine, artifact, null, name, expectedModuleHash: null);

    /// <summary>Loads an artifact file; see <see cref="DeserializeTrusted"/> for what trusting it means.</summary>
    public static Module DeserializeTrustedFile(Engine engine, string path) =>
        DeserializeTrustedFile(engine, path, 0, -1, expectedModuleHash: null);

    /// <summary>
    /// Loads the artifact held in <paramref name="length"/> bytes of a file from <paramref name="offset"/> (-1: to the
    /// end), e.g. appended to an executable. The file is mapped, not read: the checksum reads the page cache directly,
    /// the code is mapped from the file, and the data image and the code's tables are read in place from the mapping,
    /// which the module keeps until its code is freed; only the module without its bodies and data is copied. So a warm
    /// start costs little more than checksumming the artifact. The file must not be rewritten in place while the module
    /// lives (replace artifacts by renaming a new file over them: the mapping keeps the old file's bytes).
    /// See <see cref="DeserializeTrusted"/> for what trusting an artifact means.
    /// </summary>
    /// <param name="engine">The engine to load into: same compiler, target and code settings as the artifact's.</param>
    /// <param name="path">The file.</param>
    /// <param name="offset">Where the artifact starts in the file.</param>
    /// <param name="length">Its length, or -1 for the rest of the file.</param>
    /// <param name="expectedModuleHash">When given, the artifact must have been made from the module with this
    /// <see cref="ArtifactFormat.HashModule"/>; otherwise it is refused as stale (a cache keyed by module hash passes
    /// it).</param>
    /// <param name="name">A name for messages (default: the file's name).</param>
    /// <param name="verifiedChecksum">When given and equal to the artifact's stored checksum, its bytes are not
    /// hashed again: the caller vouches that this file was loaded (so checksummed) before and has not changed since,
    /// e.g. a cache that remembers the file's identity (inode, size, times). Every other check still runs. This saves
    /// reading all of a large artifact at each start; a wrong promise means running damaged code.</param>
    /// <exception cref="ArtifactException">See <see cref="DeserializeTrusted"/>; also a range outside the file.</exception>
    public static Module DeserializeTrustedFile(Engine engine, string path, long offset, long length, byte[]? expectedModuleHash, string? name = null, byte[]? verifiedChecksum = null)
    {
        var mapped = MappedFile.Open(path, offset, length);
        try
        {
            var module = Load(engine, mapped.Memory, mapped, name ?? Path.GetFileName(path), expectedModuleHash, verifiedChecksum);
            mapped.CloseFile();
            module._artifact = mapped;
            return module;
        }
        catch
        {
            ((IDisposable)mapped).Dispose();
            throw;
        }
    }

    /// <summary>Unmaps the artifact the module was loaded from, once its code is freed (nothing reads the data
    /// image or the code's tables after that).</summary>
    private void ReleaseArtifact() => ((IDisposable?)_artifact)?.Dispose();

    /// <summary>Checks the artifact (checksum, then header), then copies out the module's bytes (decoded into
    /// <see cref="Info"/>). The data image and the compiler's tables are read in place when <paramref name="file"/>
    /// maps the artifact (the module then keeps the mapping), else copied: memory the caller passed may change after
    /// the load. The compiler may map its code from the file. The module hash is not computed again: the checksum
    /// covers it.</summary>
    private static Module Load(Engine engine, ReadOnlyMemory<byte> artifact, MappedFile? file, string? name, byte[]? expectedModuleHash, byte[]? verifiedChecksum = null)
    {
        var compiler = ArtifactCompiler(engine);
        var contents = ArtifactFormat.Read(artifact, verifiedChecksum);
        CheckCompatible(contents.Header, compiler.Describe(engine));
        if (expectedModuleHash is not null && !expectedModuleHash.AsSpan().SequenceEqual(contents.Header.ModuleHash))
            throw new ArtifactException($"artifact was made from another module (hash {contents.Header.ModuleHashHex}, expected {Convert.ToHexStringLower(expectedModuleHash)})");
        // the data segments are decoded only if something asks for them: instantiation copies the data image
        var info = Binary.ModuleDecoder.Decode(contents.Module.ToArray(), deferData: true);
        BodilessModule.RestoreSourceBodies(info);
        info.DataImage = DataImage.Load(file is null ? contents.DataImage.ToArray() : contents.DataImage);
        Validation.ModuleRestrictions.Validate(info, engine.Config);
        var code = compiler.LoadCode(contents.Payload.Span, info, engine,
            file is null ? null : new ArtifactFile(file.Handle, file.Offset + contents.PayloadOffset, contents.Payload));
        return new Module(engine, info, code, name) { _compiledModuleHash = contents.Header.ModuleHash };
    }

    private static IArtifactCompiler ArtifactCompiler(Engine engine) => engine.Compiler as IArtifactCompiler
        ?? throw new NotSupportedException($"the {engine.Compiler.Name} compiler cannot serialize or load precompiled code (its code lives in the .NET runtime); use the Singlepass compiler");

    /// <summary>The instruction set of a target name ("x86_64+avx" → "x86_64").</summary>
    private static string Isa(string target) => target.Split('+')[0];

    /// <summary>Refuses an artifact made by another build or for other code: the message names the difference.</summary>
    private static void CheckCompatible(ArtifactHeader header, ArtifactTarget engine)
    {
        var made = header.Target;
        if (header.WasmSharpVersion != WasmSharpVersion.Current)
            throw new ArtifactException($"artifact was made by WasmSharp {header.WasmSharpVersion}, this is {WasmSharpVersion.Current}");
        if (made.Compiler != engine.Compiler)
            throw new ArtifactException($"artifact was compiled by {made.Compiler}, this engine uses {engine.Compiler}");
        if (Isa(made.Target) != Isa(engine.Target))
            throw new ArtifactException($"artifact holds {Isa(made.Target)} code and this engine targets {Isa(engine.Target)} ({engine.Target}): code for another instruction set cannot be loaded; compile the module for {Isa(engine.Target)}");
        if (made.Target != engine.Target)
            throw new ArtifactException($"artifact was compiled for target {made.Target}, this engine targets {engine.Target} (CPU features differ)");
        if (made.Settings != engine.Settings)
            throw new ArtifactException($"artifact was compiled with settings {made.Settings}, this engine has {engine.Settings}");
    }
}
