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
        if (cache is null || engine.Compiler is not IArtifactCompiler)
            return Module.FromBytes(engine, ModuleFiles.Read(file.FullName), file.Name);
        // a binary module's hash comes from the cache's index or a mapping, and it is read only on a miss; text is
        // converted first
        return ModuleFiles.IsBinary(file.FullName)
            ? cache.Load(engine, cache.ModuleHash(file.FullName), () => ModuleFiles.Read(file.FullName), file.Name)
            : cache.Load(engine, ModuleFiles.Read(file.FullName), file.Name);
    }

    /// <summary>Whether the file starts like a precompiled artifact.</summary>
    public static bool IsArtifact(FileInfo file) => ArtifactFormat.LooksLikeArtifact(ModuleFiles.Head(file.FullName, 8));
}
