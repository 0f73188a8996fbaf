using System.Security.Cryptography;
using System.Text;
using WasmSharp.Artifacts;

namespace WasmSharp.Cli;

/// <summary>
/// Compiled modules on disk, one artifact per (module hash, WasmSharp version, compiler, target and CPU features,
/// code settings). Safe under concurrent processes: an entry is written to a temporary file and renamed into place,
/// so a reader sees a whole artifact or none. A damaged or stale entry fails its checks, is deleted and recompiled.
/// The directory is kept under <see cref="MaxBytes"/> by evicting the least recently used entries.
/// </summary>
internal sealed class ModuleCache(string directory, long maxBytes = ModuleCache.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 1L << 30;
    private const string Extension = ".wsm";

    public string Directory { get; } = directory;
    public long MaxBytes { get; } = maxBytes;

    /// <summary><c>$XDG_CACHE_HOME/wasmsharp</c>, else <c>~/.cache/wasmsharp</c>.</summary>
    public static string DefaultDirectory()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "wasmsharp");
    }

    /// <summary>The module compiled by <paramref name="engine"/>: from the cache when a valid entry exists,
    /// otherwise compiled and stored.</summary>
    public Module Load(Engine engine, byte[] wasm, string name)
    {
        string path = EntryPath(engine, wasm);
        if (TryLoad(engine, path, name) is { } cached) return cached;
        var module = Module.FromBytes(engine, wasm, name);
        Store(path, module.Serialize());
        return module;
    }

    private string EntryPath(Engine engine, byte[] wasm)
    {
        var target = ((Compilers.IArtifactCompiler)engine.Compiler).Describe(engine);
        string key = $"{Convert.ToHexStringLower(ArtifactFormat.HashModule(wasm))}\n{WasmSharpVersion.Current}\n{target.Compiler}\n{target.Target}\n{target.Settings}";
        return Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + Extension);
    }

    private static Module? TryLoad(Engine engine, string path, string name)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        try
        {
            var module = Module.DeserializeTrusted(engine, bytes, name);
            Touch(path);
            return module;
        }
        catch (ArtifactException)
        {
            TryDelete(path); // damaged or stale: never trusted, recompiled and replaced
            return null;
        }
    }

    /// <summary>Writes an entry atomically (temporary file, then rename), then evicts. A cache that cannot be
    /// written (read-only, full disk) only costs the next run a compile.</summary>
    private void Store(string path, byte[] artifact)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.Write(path, artifact);
            Evict();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing cached: the next run compiles again
        }
    }

    /// <summary>Deletes least recently used entries until the directory fits <see cref="MaxBytes"/>.</summary>
    public void Evict()
    {
        var entries = Entries().OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        long total = 0;
        foreach (var entry in entries)
        {
            total += entry.Length;
            if (total > MaxBytes) TryDelete(entry.FullName);
        }
    }

    /// <summary>Removes every entry and leftover temporary file; returns how many files went.</summary>
    public int Clean()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        int n = 0;
        foreach (var f in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (f.Name.EndsWith(Extension, StringComparison.Ordinal) || f.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                if (TryDelete(f.FullName)) n++;
            }
        }
        return n;
    }

    private IEnumerable<FileInfo> Entries() => System.IO.Directory.Exists(Directory)
        ? new DirectoryInfo(Directory).EnumerateFiles("*" + Extension)
        : [];

    /// <summary>Marks an entry used, for least-recently-used eviction (access times may not be kept).</summary>
    private static void Touch(string path)
    {
        try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool TryDelete(string path)
    {
        try { File.Delete(path); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
