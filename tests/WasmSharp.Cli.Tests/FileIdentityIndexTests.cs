using WasmSharp.Artifacts;
using Xunit;

namespace WasmSharp.Cli.Tests;

/// <summary>The cache's index of module hashes by file identity: it saves hashing an unchanged file, and never
/// answers for a file that was written since, even one rewritten with the same size and modification time.</summary>
public class FileIdentityIndexTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"wasmsharp-index-{Guid.NewGuid():N}");

    public FileIdentityIndexTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Module(int value) => Text.Wat.ToBinary($"(module (func (export \"f\") (result i32) (i32.const {value})))");

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Records files of any age: the tests wait between writes instead.</summary>
    private FileIdentityIndex AnyAge() => new(Path.Combine(_dir, "index"), TimeSpan.Zero, FileIdentityIndex.ModuleHashes);

    [Fact]
    public void AnUnchangedFileIsFoundWithoutHashing()
    {
        if (!OperatingSystem.IsLinux()) return;
        var index = AnyAge();
        string path = Write("m.wasm", Module(1));
        Assert.Null(index.Find(path));
        Assert.Equal(ArtifactFormat.HashModule(Module(1)), index.ReadAndRecord(path, ArtifactFormat.HashModuleFile));
        Assert.Equal(ArtifactFormat.HashModule(Module(1)), index.Find(path));
        // another path to the same bytes has its own entry
        string copy = Write("copy.wasm", Module(1));
        Assert.Null(index.Find(copy));
    }

    [Fact]
    public void ARewriteWithTheSameSizeAndModificationTimeIsNotServedStale()
    {
        if (!OperatingSystem.IsLinux()) return;
        var index = AnyAge();
        string path = Write("m.wasm", Module(1));
        var mtime = File.GetLastWriteTimeUtc(path);
        index.ReadAndRecord(path, ArtifactFormat.HashModuleFile);
        Thread.Sleep(100); // past the clock tick of the first write
        Assert.Equal(Module(1).Length, Module(2).Length);
        File.WriteAllBytes(path, Module(2));
        File.SetLastWriteTimeUtc(path, mtime);
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
        Assert.Null(index.Find(path));
        // the cache hashes it again and finds (or compiles) the new module
        var cache = new ModuleCache(_dir) { Index = index };
        Assert.Equal(ArtifactFormat.HashModule(Module(2)), cache.ModuleHash(path));
        Assert.Equal(ArtifactFormat.HashModule(Module(2)), index.Find(path));
    }

    [Fact]
    public void AFileReplacedByRenameOrDamagedEntriesAreNotBelieved()
    {
        if (!OperatingSystem.IsLinux()) return;
        var index = AnyAge();
        string path = Write("m.wasm", Module(1));
        index.ReadAndRecord(path, ArtifactFormat.HashModuleFile);
        Thread.Sleep(100);
        File.Move(Write("new.wasm", Module(2)), path, overwrite: true);
        Assert.Null(index.Find(path));
        index.ReadAndRecord(path, ArtifactFormat.HashModuleFile);
        foreach (var entry in Directory.GetFiles(Path.Combine(_dir, "index"), "*.idx"))
        {
            var bytes = File.ReadAllBytes(entry);
            bytes[20] ^= 1;
            File.WriteAllBytes(entry, bytes);
        }
        Assert.Null(index.Find(path));
    }

    [Fact]
    public void AFileWrittenJustNowIsNotRecorded()
    {
        if (!OperatingSystem.IsLinux()) return;
        // within the default age a later write could share the file's timestamps: such a file is always hashed
        var index = new FileIdentityIndex(Path.Combine(_dir, "index"), FileIdentityIndex.DefaultMinimumAge, FileIdentityIndex.ModuleHashes);
        string path = Write("m.wasm", Module(1));
        Assert.Equal(ArtifactFormat.HashModule(Module(1)), index.ReadAndRecord(path, ArtifactFormat.HashModuleFile));
        Assert.Null(index.Find(path));
        Assert.False(Directory.Exists(Path.Combine(_dir, "index")));
    }

    [Fact]
    public void CleanRemovesTheIndex()
    {
        if (!OperatingSystem.IsLinux()) return;
        var cache = new ModuleCache(_dir) { Index = AnyAge() };
        string path = Write("m.wasm", Module(1));
        cache.ModuleHash(path);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "index")));
        Assert.Equal(1, cache.Clean());
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "index")));
    }
}
