using System.IO.Hashing;
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

    /// <summary>Module hashes remembered by file identity (in the <c>index</c> subdirectory), so a warm start of
    /// an unchanged module file need not hash all of it.</summary>
    public FileIdentityIndex Index { get; init; } = new(Path.Combine(directory, IndexDirectory), FileIdentityIndex.DefaultMinimumAge, FileIdentityIndex.ModuleHashes);
    private const string IndexDirectory = "index";

    /// <summary>The checksum each entry had when it was last loaded in full, remembered by the entry's identity (in
    /// the <c>verified</c> subdirectory): a later load of the unchanged entry skips hashing all of it (43 MB for
    /// swc). An entry this process writes is recorded with the checksum it was written with. An entry written,
    /// replaced or touched since is checked in full again.</summary>
    public FileIdentityIndex Verified { get; init; } = new(Path.Combine(directory, VerifiedDirectory), FileIdentityIndex.DefaultMinimumAge, FileIdentityIndex.VerifiedChecksums);
    private const string VerifiedDirectory = "verified";

    /// <summary>How stale an entry's use time may get before a load marks it used again: touching changes the
    /// entry's ctime, which makes the next load check it in full, so it is not done at every load.</summary>
    public static readonly TimeSpan UseTimeResolution = TimeSpan.FromHours(1);

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
    public Module Load(Engine engine, byte[] wasm, string name) =>
        Load(engine, ArtifactFormat.HashModule(wasm), () => wasm, name);

    /// <summary>The same for a module known by its hash (<see cref="ArtifactFormat.HashModule"/>):
    /// <paramref name="wasm"/> is read only when the module must be compiled. A warm start hashes the module once,
    /// then maps its entry (see <see cref="Module.DeserializeTrustedFile(Engine, string, long, long, byte[], string, byte[])"/>).</summary>
    public Module Load(Engine engine, byte[] moduleHash, Func<byte[]> wasm, string name)
    {
        if (TryLoad(engine, EntryPath(engine, moduleHash), moduleHash, name) is { } cached) return cached;
        var bytes = wasm();
        var module = Module.FromBytes(engine, bytes, name);
        // keyed by what was compiled, should the file have changed since it was hashed
        Store(EntryPath(engine, ArtifactFormat.HashModule(bytes)), module.Serialize());
        return module;
    }

    /// <summary><see cref="ArtifactFormat.HashModule"/> of a binary module file: remembered by the
    /// <see cref="Index"/> when the file has not changed since it was recorded, else hashed (and recorded).</summary>
    public byte[] ModuleHash(string path) => Index.Find(path) ?? Index.ReadAndRecord(path, ArtifactFormat.HashModuleFile);

    /// <summary>The entry's file: a hash of everything the code depends on. The target is part of it, so code for
    /// another ISA or CPU level never shares an entry.</summary>
    private string EntryPath(Engine engine, byte[] moduleHash)
    {
        var target = ((Compilers.IArtifactCompiler)engine.Compiler).Describe(engine);
        string key = $"{Convert.ToHexStringLower(moduleHash)}\n{WasmSharpVersion.Current}\n{target.Compiler}\n{target.Target}\n{target.Settings}";
        return Path.Combine(Directory, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(key))) + Extension);
    }

    private Module? TryLoad(Engine engine, string path, byte[] moduleHash, string name)
    {
        try
        {
            var module = LoadEntry(engine, path, moduleHash, name);
            MarkUsed(path);
            return module;
        }
        catch (ArtifactException)
        {
            TryDelete(path); // damaged or stale: never trusted, recompiled and replaced
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no entry (or none readable): compile
        }
    }

    /// <summary>Loads an entry, hashing it in full unless <see cref="Verified"/> knows it unchanged since it was;
    /// a full load records the checksum it verified.</summary>
    private Module LoadEntry(Engine engine, string path, byte[] moduleHash, string name)
    {
        if (Verified.Find(path) is { } checksum)
            return Module.DeserializeTrustedFile(engine, path, 0, -1, moduleHash, name, verifiedChecksum: checksum);
        Module? module = null;
        Verified.ReadAndRecord(path, p =>
        {
            module = Module.DeserializeTrustedFile(engine, p, 0, -1, moduleHash, name);
            return StoredChecksum(p);
        });
        return module!;
    }

    /// <summary>The checksum an artifact file ends with (the load just verified it against the bytes).</summary>
    private static byte[] StoredChecksum(string path)
    {
        using var file = File.OpenHandle(path);
        var checksum = new byte[ArtifactFormat.HashSize];
        long at = RandomAccess.GetLength(file) - checksum.Length;
        if (at < 0 || RandomAccess.Read(file, checksum, at) != checksum.Length) throw new IOException($"{path} shrank while it was loaded");
        return checksum;
    }

    /// <summary>Writes an entry atomically (temporary file, then rename), then evicts. A cache that cannot be
    /// written (read-only, full disk) only costs the next run a compile.</summary>
    private void Store(string path, byte[] artifact)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.Write(path, artifact);
            Verified.RecordWritten(path, artifact.AsSpan(artifact.Length - ArtifactFormat.HashSize));
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
            if (total > MaxBytes && TryDelete(entry.FullName)) Verified.Forget(entry.FullName);
        }
    }

    /// <summary>Removes every entry, index entry and leftover temporary file; returns how many files went.</summary>
    public int Clean()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        int n = CleanFiles(Directory, Extension);
        foreach (var sub in (string[])[IndexDirectory, VerifiedDirectory])
        {
            string index = Path.Combine(Directory, sub);
            if (System.IO.Directory.Exists(index)) n += CleanFiles(index, ".idx");
        }
        return n;
    }

    private static int CleanFiles(string directory, string extension)
    {
        int n = 0;
        foreach (var f in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (f.Name.EndsWith(extension, StringComparison.Ordinal) || f.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                if (TryDelete(f.FullName)) n++;
            }
        }
        return n;
    }

    private IEnumerable<FileInfo> Entries() => System.IO.Directory.Exists(Directory)
        ? new DirectoryInfo(Directory).EnumerateFiles("*" + Extension)
        : [];

    /// <summary>Marks an entry used, for least-recently-used eviction (access times may not be kept), when its
    /// use time is older than <see cref="UseTimeResolution"/>.</summary>
    private static void MarkUsed(string path)
    {
        try
        {
            var now = DateTime.UtcNow;
            if (now - File.GetLastWriteTimeUtc(path) > UseTimeResolution) File.SetLastWriteTimeUtc(path, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool TryDelete(string path)
    {
        try { File.Delete(path); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
