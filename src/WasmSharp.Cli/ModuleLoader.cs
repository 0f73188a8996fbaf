using WasmSharp.Artifacts;
using WasmSharp.Compilers;

namespace WasmSharp.Cli;

/// <summary>How <c>run</c> gets its module: a precompiled artifact is loaded (trusted as native code: the user
/// named it), a Wasm module is compiled, through the cache when there is one and the compiler can serialize.</summary>
internal static class ModuleLoader
{
    public static Module Load(Engine engine, FileInfo file, ModuleCache? cache)
    {
        if (!file.Exists) throw new FileNotFoundException($"no such file: {file.FullName}", file.FullName);
        if (IsArtifact(file)) return Module.DeserializeTrustedFile(engine, file.FullName);
        var wasm = ModuleFiles.Read(file.FullName);
        return cache is not null && engine.Compiler is IArtifactCompiler
            ? cache.Load(engine, wasm, file.Name)
            : Module.FromBytes(engine, wasm, file.Name);
    }

    private static bool IsArtifact(FileInfo file)
    {
        using var stream = file.OpenRead();
        Span<byte> head = stackalloc byte[8];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && ArtifactFormat.LooksLikeArtifact(head);
    }
}
