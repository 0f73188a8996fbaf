using WasmSharp.Artifacts;
using Xunit;

namespace WasmSharp.Cli.Tests;

/// <summary>A cache entry is hashed in full the first time it is loaded, then, while the file is unchanged (same
/// identity), loaded without hashing it again; any rewrite makes the next load check it in full.</summary>
public class VerifiedCacheEntryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"wasmsharp-verified-{Guid.NewGuid():N}");

    public VerifiedCacheEntryTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly byte[] Wasm = Text.Wat.ToBinary(
        """(module (memory 1) (data (i32.const 0) "\2a") (func (export "f") (result i32) (i32.load8_u (i32.const 0))))""");

    private static Engine NewEngine() => new(new Singlepass.SinglepassCompiler());

    /// <summary>Records entries of any age: the tests wait between writes instead.</summary>
    private ModuleCache AnyAgeCache() => new(_dir)
    {
        Index = new(Path.Combine(_dir, "index"), TimeSpan.Zero, FileIdentityIndex.ModuleHashes),
        Verified = new(Path.Combine(_dir, "verified"), TimeSpan.Zero, FileIdentityIndex.VerifiedChecksums),
    };

    private static int Call(Module module)
    {
        using var store = new Store(module.Engine);
        var instance = new Linker().Instantiate(store, module);
        return instance.GetFunction("f")!.Invoke()[0].AsInt32();
    }

    [Fact]
    public void ASecondLoadKnowsTheEntryVerifiedAndARewriteIsCheckedInFullAgain()
    {
        Assert.True(OperatingSystem.IsLinux(), "file identities need Linux (statx)");
        var cache = AnyAgeCache();
        var engine = NewEngine();
        using (var compiled = cache.Load(engine, Wasm, "m.wasm")) Assert.Equal(42, Call(compiled));
        string entry = Assert.Single(Directory.GetFiles(_dir, "*.wsm"));
        var written = File.ReadAllBytes(entry)[^ArtifactFormat.HashSize..];
        Assert.Equal(written, cache.Verified.Find(entry)); // recorded as written
        Directory.Delete(Path.Combine(_dir, "verified"), recursive: true);
        Assert.Null(cache.Verified.Find(entry));
        using (var loaded = cache.Load(engine, Wasm, "m.wasm")) Assert.Equal(42, Call(loaded));
        Assert.Equal(written, cache.Verified.Find(entry)); // recorded by a load that hashed it in full
        using (var trusted = cache.Load(engine, Wasm, "m.wasm")) Assert.Equal(42, Call(trusted));

        // damage written through the file system changes the entry's identity: checked in full, refused, recompiled
        Thread.Sleep(100); // past the clock tick of the last write
        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(entry, bytes);
        Assert.Null(cache.Verified.Find(entry));
        using (var recompiled = cache.Load(engine, Wasm, "m.wasm")) Assert.Equal(42, Call(recompiled));
        Assert.NotEqual(bytes, File.ReadAllBytes(entry));
    }

    [Fact]
    public void AVerifiedChecksumSkipsHashingOnlyWhenItIsTheStoredOne()
    {
        var engine = NewEngine();
        byte[] bytes;
        using (var module = Module.FromBytes(engine, Wasm)) bytes = module.Serialize();
        var stored = bytes[^ArtifactFormat.HashSize..];
        // damage the module hash recorded in the header: nothing else reads it when no hash is expected
        var moduleHash = ArtifactFormat.Read(bytes).Header.ModuleHash;
        int at = bytes.AsSpan().IndexOf(moduleHash);
        Assert.True(at > 0);
        bytes[at] ^= 1;
        string path = Path.Combine(_dir, "a.wsm");
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum mismatch", Assert.Throws<ArtifactException>(
            () => Module.DeserializeTrustedFile(engine, path, 0, -1, null)).Message);
        var other = (byte[])stored.Clone();
        other[0] ^= 1;
        Assert.Contains("checksum mismatch", Assert.Throws<ArtifactException>(
            () => Module.DeserializeTrustedFile(engine, path, 0, -1, null, verifiedChecksum: other)).Message);
        // the caller's promise is believed: the bytes are not hashed, so the damage goes unseen
        using var trusted = Module.DeserializeTrustedFile(engine, path, 0, -1, null, verifiedChecksum: stored);
        Assert.Equal(42, Call(trusted));
    }

    [Fact]
    public void AnEntryIsMarkedUsedOnlyWhenItsUseTimeIsStale()
    {
        Assert.True(OperatingSystem.IsLinux(), "file identities need Linux (statx)");
        var cache = AnyAgeCache();
        var engine = NewEngine();
        cache.Load(engine, Wasm, "m.wasm").Dispose();
        string entry = Assert.Single(Directory.GetFiles(_dir, "*.wsm"));
        var recent = DateTime.UtcNow.AddMinutes(-30);
        File.SetLastWriteTimeUtc(entry, recent);
        cache.Load(engine, Wasm, "m.wasm").Dispose();
        Assert.Equal(recent, File.GetLastWriteTimeUtc(entry));
        var stale = DateTime.UtcNow.AddHours(-2);
        File.SetLastWriteTimeUtc(entry, stale);
        cache.Load(engine, Wasm, "m.wasm").Dispose();
        Assert.True(File.GetLastWriteTimeUtc(entry) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void EvictionForgetsTheEntriesItDeletes()
    {
        Assert.True(OperatingSystem.IsLinux(), "file identities need Linux (statx)");
        var cache = AnyAgeCache();
        cache.Load(NewEngine(), Wasm, "m.wasm").Dispose();
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "verified")));
        new ModuleCache(_dir, maxBytes: 10) { Verified = cache.Verified }.Evict();
        Assert.Empty(Directory.GetFiles(_dir, "*.wsm"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "verified")));
    }

    [Fact]
    public void CleanRemovesTheVerifiedChecksums()
    {
        Assert.True(OperatingSystem.IsLinux(), "file identities need Linux (statx)");
        var cache = AnyAgeCache();
        var engine = NewEngine();
        cache.Load(engine, Wasm, "m.wasm").Dispose();
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "verified")));
        Assert.Equal(2, cache.Clean());
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "verified")));
    }
}
