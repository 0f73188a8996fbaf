namespace WasmSharp.Cli.Tests;

/// <summary><c>compile</c>, <c>run</c> of an artifact, <c>inspect</c> of one, and the cache of compiled modules that
/// <c>run</c> keeps (each test in its own cache directory).</summary>
public class ArtifactCommandTests
{
    private static readonly Lazy<string> Add = new(() => Cli.TempWat(
        """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"""));

    private static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), $"wasmsharp-{Guid.NewGuid():N}{extension}");

    private static string Compile(params string[] options)
    {
        string artifact = TempPath(".wsm");
        var r = Cli.Run(["compile", Add.Value, "-o", artifact, .. options]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return artifact;
    }

    private static Cli.Result Invoke(string file, params string[] options) => Cli.Run(["run", .. options, "--invoke", "add", file, "20", "22"]);

    [Fact]
    public void ACompiledArtifactRunsAndShowsItsHeader()
    {
        string artifact = Compile();
        var r = Invoke(artifact, "--disable-cache");
        Assert.Equal((0, "42\n"), (r.ExitCode, r.Stdout));
        var inspect = Cli.Run("inspect", artifact);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("WasmSharp precompiled artifact", inspect.Stdout);
        Assert.Contains("singlepass compiler", inspect.Stdout);
        Assert.Contains("guard-pages=", inspect.Stdout);
    }

    [Fact]
    public void InspectShowsTheDataImageBesideTheModule()
    {
        string wat = Cli.TempWat("""(module (memory 1) (data (i32.const 8) "abcdefgh") (data "passive") (func (export "f")))""");
        string artifact = TempPath(".wsm");
        Assert.Equal(0, Cli.Run("compile", wat, "-o", artifact).ExitCode);
        var inspect = Cli.Run("inspect", artifact);
        Assert.Equal(0, inspect.ExitCode);
        // run count, then the one run: offset, length, 8 bytes
        Assert.Contains("  data:     image of the active segments: 20 bytes", inspect.Stdout);
        Assert.Contains("data segments: 2", inspect.Stdout);
        Assert.Contains("\"dataImageBytes\": 20", Cli.Run("inspect", artifact, "--json").Stdout);
    }

    [Fact]
    public void ADamagedArtifactIsOneErrorLine()
    {
        string artifact = Compile();
        var bytes = File.ReadAllBytes(artifact);
        File.WriteAllBytes(artifact, bytes[..(bytes.Length - 10)]);
        var r = Invoke(artifact);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal([$"error: {Path.GetFileName(artifact)}: artifact is truncated"], r.ErrorLines);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(artifact, bytes);
        Assert.Contains("checksum mismatch", Invoke(artifact).Stderr);
        Assert.Contains("artifact is corrupted", Cli.Run("inspect", artifact).Stderr);
    }

    [AvxFact]
    public void AnArtifactForOtherCpuFeaturesSaysSo()
    {
        string artifact = Compile("--target", "x86_64-sse4.2");
        var r = Invoke(artifact);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("compiled for target x86_64+sse4.2, this engine targets x86_64+avx", r.Stderr);
        Assert.Equal("42\n", Invoke(artifact, "--cpu", "sse4.2").Stdout);
    }

    [Fact]
    public void AnAarch64ArtifactIsMadeHereAndRefusedWithBothIsasNamed()
    {
        string artifact = Compile("--target", "aarch64");
        var inspect = Cli.Run("inspect", artifact);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Matches(@"(?m)^  target: +aarch64$", inspect.Stdout);
        var r = Invoke(artifact);
        Assert.Equal(1, r.ExitCode);
        string error = Assert.Single(r.ErrorLines);
        Assert.StartsWith($"error: {Path.GetFileName(artifact)}: artifact holds aarch64 code", error);
        Assert.Contains("x86_64", error);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void CacheEntriesAreKeptPerTarget()
    {
        string dir = TempPath("");
        var wasm = Text.Wat.ToBinary(File.ReadAllText(Add.Value));
        var cache = new ModuleCache(dir);
        var engines = new[]
        {
            new Engine(new Singlepass.SinglepassCompiler(), new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42 }),
            new Engine(new Singlepass.SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64 }),
        };
        foreach (var engine in engines) cache.Load(engine, wasm, "add.wasm").Dispose();
        var targets = Directory.GetFiles(dir, "*.wsm").Select(f => Artifacts.ArtifactFormat.Read(File.ReadAllBytes(f)).Header.Target.Target).Order();
        Assert.Equal(["aarch64", "x86_64+sse4.2"], targets);
        // each engine finds its own entry again: loading, not compiling, leaves the files as they were
        var before = Directory.GetFiles(dir).Select(File.ReadAllBytes).ToList();
        foreach (var engine in engines) Assert.Equal("add.wasm", cache.Load(engine, wasm, "add.wasm").Name);
        Assert.Equal(before, Directory.GetFiles(dir).Select(File.ReadAllBytes));
    }

    [Fact]
    public void RunCachesAndRecompilesADamagedEntry()
    {
        string dir = TempPath("");
        Assert.Equal("42\n", Invoke(Add.Value, "--cache-dir", dir).Stdout);
        string entry = Assert.Single(Directory.GetFiles(dir, "*.wsm"));
        var first = File.ReadAllBytes(entry);
        Assert.Equal("42\n", Invoke(Add.Value, "--cache-dir", dir).Stdout);
        File.WriteAllBytes(entry, first[..100]);
        var r = Invoke(Add.Value, "--cache-dir", dir);
        Assert.Equal((0, "42\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Equal(first, File.ReadAllBytes(entry));
        Assert.Equal(0, Invoke(Add.Value, "--cache-dir", dir, "--disable-cache").ExitCode);
        Assert.Contains("removed 2 file(s)", Cli.Run("cache", "clean", "--cache-dir", dir).Stdout); // the entry and its verified checksum
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void TheDefaultCacheIsUnderXdgCacheHome()
    {
        Assert.Equal(Path.Combine(Cli.CacheHome, "wasmsharp") + "\n", Cli.Run("cache", "dir").Stdout);
    }

    [Fact]
    public async Task ConcurrentWritersLeaveOneWholeEntry()
    {
        string dir = TempPath("");
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Invoke(Add.Value, "--cache-dir", dir))));
        Assert.All(results, r => Assert.Equal((0, "42\n", ""), (r.ExitCode, r.Stdout, r.Stderr)));
        Assert.Single(Directory.GetFiles(dir));
        Assert.Equal("42\n", Invoke(Add.Value, "--cache-dir", dir).Stdout);
    }

    [Fact]
    public void EvictionKeepsTheMostRecentlyUsedWithinTheBound()
    {
        string dir = TempPath("");
        Directory.CreateDirectory(dir);
        for (int i = 0; i < 5; i++)
        {
            string path = Path.Combine(dir, $"{i}.wsm");
            File.WriteAllBytes(path, new byte[1000]);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(i));
        }
        new ModuleCache(dir, maxBytes: 2500).Evict();
        Assert.Equal(["3.wsm", "4.wsm"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }
}
