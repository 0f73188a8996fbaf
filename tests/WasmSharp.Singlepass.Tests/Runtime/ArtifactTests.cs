using WasmSharp.Artifacts;
using WasmSharp.Cil;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Precompiled artifacts: loaded code runs like compiled code, and anything damaged, foreign or mismatched
/// is refused with a message that says what is wrong, before any of it is mapped.</summary>
public class ArtifactTests
{
    private const string Program = """
        (module
          (memory 1)
          (data (i32.const 16) "\2a")
          (global $g (mut i32) (i32.const 5))
          (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
          (func (export "run") (param i32) (result i32)
            (i32.add (call $twice (local.get 0)) (i32.add (global.get $g) (i32.load8_u (i32.const 16)))))
          (func (export "oob") (result i32) (i32.load (i32.const 70000))))
        """;

    private static byte[] Artifact(Engine engine) => Wasm.Compile(engine, Program).Serialize();

    private static string LoadError(Engine engine, byte[] artifact) =>
        Assert.Throws<ArtifactException>(() => Module.DeserializeTrusted(engine, artifact)).Message;

    [X64Fact]
    public void LoadedCodeRunsAndTraps()
    {
        var engine = Wasm.Engine();
        var module = Module.DeserializeTrusted(engine, Artifact(engine));
        var instance = new Linker().Instantiate(new Store(engine), module);
        Assert.Equal(2 * 10 + 5 + 42, instance.GetFunction<int, int>("run")(10));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int>("oob")());
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, trap.Kind);
    }

    [X64Fact]
    public void LoadedCodeIsTheSavedCode()
    {
        var engine = Wasm.Engine();
        var compiled = Wasm.Compile(engine, Program);
        var loaded = Module.DeserializeTrusted(engine, compiled.Serialize());
        Assert.Equal(((SinglepassCode)compiled.Code).Bytes.ToArray(), ((SinglepassCode)loaded.Code).Bytes.ToArray());
    }

    [X64Fact]
    public void TheArtifactKeepsTheModuleWithoutItsBodiesAndSerializesAgainTheSame()
    {
        var engine = Wasm.Engine();
        var wasm = Text.Wat.ToBinary(Program);
        var artifact = Wasm.Compile(engine, Program).Serialize();
        var loaded = Module.DeserializeTrusted(engine, artifact);
        Assert.All(loaded.Info.Bodies, body => Assert.Equal(new byte[] { 0x00, 0x0B }, loaded.Info.Slice(body.Offset, body.Length).ToArray()));
        // the code section shrinks to placeholders; the original bodies' ranges stay, for backtrace offsets
        var original = WasmSharp.Binary.ModuleDecoder.Decode(wasm);
        Assert.True(loaded.Info.CodeSectionSize < original.CodeSectionSize);
        Assert.Equal(original.Bodies, loaded.Info.SourceBodies);
        // what instantiation reads is still there: exports, the global's initializer, the data segment (its bytes
        // moved to the data image, the segment itself empty)
        Assert.Equal(["run", "oob"], loaded.Exports.Select(e => e.Name));
        Assert.NotNull(loaded.Info.DataImage);
        Assert.Equal(0, Assert.Single(loaded.Info.Data).DataLength);
        Assert.Equal(artifact, loaded.Serialize());
        Assert.Equal(ArtifactFormat.HashModule(wasm), ArtifactFormat.Read(loaded.Serialize()).Header.ModuleHash);
    }

    [X64Fact]
    public void AnyFlippedByteIsCaught()
    {
        var engine = Wasm.Engine();
        var artifact = Artifact(engine);
        // every byte past the magic and format version: length, header, module, code, checksum
        for (int i = 12; i < artifact.Length; i++)
        {
            var bad = (byte[])artifact.Clone();
            bad[i] ^= 0x40;
            Assert.Matches("corrupted|truncated|trailing", LoadError(engine, bad));
        }
    }

    [X64Fact]
    public void TruncationIsCaught()
    {
        var engine = Wasm.Engine();
        var artifact = Artifact(engine);
        foreach (int length in new[] { 0, 5, 8, 20, 40, artifact.Length / 2, artifact.Length - 1 })
            Assert.Matches("truncated|wrong magic", LoadError(engine, artifact[..length]));
        Assert.Contains("trailing", LoadError(engine, [.. artifact, 0]));
    }

    [X64Fact]
    public void WrongMagicAndVersionAreNamed()
    {
        var engine = Wasm.Engine();
        var artifact = Artifact(engine);
        Assert.Contains("wrong magic", LoadError(engine, Text.Wat.ToBinary(Program)));
        artifact[8] = 99;
        Assert.Contains("format version 99", LoadError(engine, artifact));
        artifact[8] = 3; // the data image inside the module
        Assert.Contains("format version 3 is not supported (this WasmSharp reads version 4; it was made by an older WasmSharp", LoadError(engine, artifact));
    }

    [AvxFact]
    public void ForeignCpuFeaturesAreNamed()
    {
        var artifact = Artifact(Wasm.Engine(X64CpuLevel.Sse42));
        Assert.Contains("target x86_64+sse4.2, this engine targets x86_64+avx", LoadError(Wasm.Engine(X64CpuLevel.Avx), artifact));
    }

    [X64Fact]
    public void OtherCodeSettingsAreNamed()
    {
        var artifact = Artifact(Wasm.Engine());
        var noLoopChecks = new Engine(new SinglepassCompiler(), new EngineConfig { InterruptibleLoops = false });
        Assert.Contains("interruptible-loops=on", LoadError(noLoopChecks, artifact));
        var explicitChecks = new Engine(new SinglepassCompiler(), new EngineConfig { SignalBasedBoundsChecks = false });
        Assert.Contains("guard-pages=", LoadError(explicitChecks, artifact));
    }

    /// <summary>The artifact rewritten (with a valid checksum) with one header field changed.</summary>
    private static byte[] Reforged(byte[] artifact, Func<ArtifactHeader, ArtifactHeader> change)
    {
        var contents = ArtifactFormat.Read(artifact);
        return ArtifactFormat.Write(change(contents.Header), contents.Module.Span, contents.DataImage.Span, _ => contents.Payload.ToArray());
    }

    [X64Fact]
    public void EveryHeaderFieldIsChecked()
    {
        var engine = Wasm.Engine();
        var artifact = Artifact(engine);
        Assert.NotNull(Module.DeserializeTrusted(engine, Reforged(artifact, h => h)));
        Assert.Contains("made by WasmSharp 0.0.1-other, this is", LoadError(engine, Reforged(artifact, h => h with { WasmSharpVersion = "0.0.1-other" })));
        Assert.Contains("compiled by cranelift, this engine uses singlepass", LoadError(engine, Reforged(artifact, h => h with { Target = h.Target with { Compiler = "cranelift" } })));
        Assert.Contains("artifact holds riscv64 code and this engine targets x86_64", LoadError(engine, Reforged(artifact, h => h with { Target = h.Target with { Target = "riscv64" } })));
        Assert.Contains("compiled for target x86_64+avx512", LoadError(engine, Reforged(artifact, h => h with { Target = h.Target with { Target = "x86_64+avx512" } })));
        Assert.Contains("compiled with settings payload=1", LoadError(engine, Reforged(artifact, h => h with { Target = h.Target with { Settings = "payload=1" } })));
        var metered = new Engine(new SinglepassCompiler(), new EngineConfig { ConsumeFuel = true });
        Assert.Contains("fuel=off", LoadError(metered, artifact));
    }

    [X64Fact]
    public void TheHeaderDescribesTheArtifact()
    {
        var artifact = Artifact(Wasm.Engine());
        var header = ArtifactFormat.Read(artifact).Header;
        Assert.Equal("singlepass", header.Target.Compiler);
        Assert.Equal(WasmSharpVersion.Current, header.WasmSharpVersion);
        Assert.Equal(ArtifactFormat.HashModule(Text.Wat.ToBinary(Program)), header.ModuleHash);
        Assert.Equal(ArtifactFormat.HashSize, header.ModuleHash.Length);
        Assert.Equal(4, header.FormatVersion);
    }

    /// <summary>A module with well over the mapping threshold (256 KiB) of code: 40 functions of 3,000 adds each,
    /// function i returning its argument plus 3000 × i.</summary>
    private static byte[] LargeModule()
    {
        var wat = new System.Text.StringBuilder("(module");
        for (int f = 0; f < 40; f++)
        {
            wat.Append($"(func (export \"f{f}\") (param i32) (result i32) (local.get 0)");
            for (int k = 0; k < 3000; k++) wat.Append($" (i32.add (i32.const {f}))");
            wat.Append(')');
        }
        return Text.Wat.ToBinary(wat.Append(')').ToString());
    }

    private static string TempFile(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-artifact-{Guid.NewGuid():N}.wsm");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The executable mappings of <paramref name="path"/> in this process (/proc/self/maps).</summary>
    private static int ExecutableMappingsOf(string path) =>
        File.ReadLines("/proc/self/maps").Count(line => line.EndsWith(" " + path, StringComparison.Ordinal) && line.Split(' ')[1].Contains('x'));

    [X64Fact]
    public void LargeCodeIsMappedFromTheArtifactFileAndRuns()
    {
        var engine = Wasm.Engine();
        var compiled = Module.FromBytes(engine, LargeModule());
        Assert.True(compiled.CodeSize > 256 * 1024, $"{compiled.CodeSize} bytes of code: under the mapping threshold");
        string path = TempFile(compiled.Serialize());
        try
        {
            var loaded = Module.DeserializeTrustedFile(engine, path);
            Assert.Equal(1, ExecutableMappingsOf(path));
            Assert.Equal(((SinglepassCode)compiled.Code).Bytes.ToArray(), ((SinglepassCode)loaded.Code).Bytes.ToArray());
            var instance = new Linker().Instantiate(new Store(engine), loaded);
            Assert.Equal(5 + 3000 * 39, instance.GetFunction<int, int>("f39")(5));
            Assert.Equal(7, instance.GetFunction<int, int>("f0")(7));
            loaded.Dispose();
            instance.Store.Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [X64Fact]
    public void SmallCodeIsCopiedAndAFileLoadChecksEverything()
    {
        var engine = Wasm.Engine();
        var artifact = Artifact(engine);
        string path = TempFile(artifact);
        try
        {
            var loaded = Module.DeserializeTrustedFile(engine, path);
            Assert.Equal(0, ExecutableMappingsOf(path));
            Assert.Equal(2 * 10 + 5 + 42, new Linker().Instantiate(new Store(engine), loaded).GetFunction<int, int>("run")(10));
            for (int i = 12; i < artifact.Length; i += 7)
            {
                var bad = (byte[])artifact.Clone();
                bad[i] ^= 0x01;
                File.WriteAllBytes(path, bad);
                Assert.Matches("corrupted|truncated|trailing", Assert.Throws<ArtifactException>(() => Module.DeserializeTrustedFile(engine, path)).Message);
            }
            File.WriteAllBytes(path, []);
            Assert.Contains("wrong magic", Assert.Throws<ArtifactException>(() => Module.DeserializeTrustedFile(engine, path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The mappings of <paramref name="path"/> in this process, and whether a descriptor is open on it.</summary>
    private static (int Mappings, bool Open) Held(string path) =>
        (File.ReadLines("/proc/self/maps").Count(line => line.EndsWith(" " + path, StringComparison.Ordinal)),
         Directory.EnumerateFiles("/proc/self/fd").Any(fd => new FileInfo(fd).LinkTarget == path));

    [X64Fact]
    public void AFileLoadedModuleReadsItsArtifactInPlaceUntilItsCodeIsFreed()
    {
        var engine = Wasm.Engine();
        string path = TempFile(Artifact(engine));
        try
        {
            var loaded = Module.DeserializeTrustedFile(engine, path);
            // the data image and the offset map are read from the mapping, which stays; the file is closed
            Assert.Equal((1, false), Held(path));
            var store = new Store(engine);
            var instance = new Linker().Instantiate(store, loaded);
            Assert.Equal(2 * 10 + 5 + 42, instance.GetFunction<int, int>("run")(10));
            Assert.NotNull(Assert.Throws<TrapException>(() => instance.GetFunction<int>("oob")()).WasmStackTrace[0].ModuleOffset);
            // disposed, the module still serves the store that runs it; then its code and its mapping go together
            loaded.Dispose();
            Assert.Throws<ObjectDisposedException>(() => new Linker().Instantiate(new Store(engine), loaded));
            Assert.Equal(1, Held(path).Mappings);
            Assert.Equal(2 * 1 + 5 + 42, instance.GetFunction<int, int>("run")(1));
            store.Dispose();
            Assert.Equal((0, false), Held(path));
            Assert.Throws<ObjectDisposedException>(() => loaded.Info.DataImage!.Bytes.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [X64Fact]
    public void AFileLoadedModuleDroppedWithoutDisposeIsUnmappedByTheGc()
    {
        var engine = Wasm.Engine();
        string path = TempFile(Artifact(engine));
        try
        {
            LoadAndDrop(engine, path);
            for (int i = 0; i < 3 && Held(path).Mappings > 0; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Assert.Equal((0, false), Held(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LoadAndDrop(Engine engine, string path)
    {
        var loaded = Module.DeserializeTrustedFile(engine, path);
        Assert.Equal(1, Held(path).Mappings);
        Assert.Equal(2 * 3 + 5 + 42, new Linker().Instantiate(new Store(engine), loaded).GetFunction<int, int>("run")(3));
    }

    [X64Fact]
    public void AnArtifactOfAnotherModuleIsRefusedAsStale()
    {
        var engine = Wasm.Engine();
        string path = TempFile(Artifact(engine));
        try
        {
            var other = ArtifactFormat.HashModule("\0asm\u0001\0\0\0"u8);
            var e = Assert.Throws<ArtifactException>(() => Module.DeserializeTrustedFile(engine, path, 0, -1, other));
            Assert.Contains("made from another module", e.Message);
            Assert.NotNull(Module.DeserializeTrustedFile(engine, path, 0, -1, ArtifactFormat.HashModule(Text.Wat.ToBinary(Program))));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnAarch64ArtifactIsMadeAnywhereAndRefusedByAnotherIsa()
    {
        var arm64 = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64 });
        var artifact = Artifact(arm64);
        Assert.Equal("aarch64", ArtifactFormat.Read(artifact).Header.Target.Target);
        // the code it holds is the code the AArch64 back end compiles
        Assert.Equal(((SinglepassCode)Wasm.Compile(arm64, Program).Code).Bytes.ToArray(),
            ((SinglepassCode)Module.DeserializeTrusted(arm64, artifact).Code).Bytes.ToArray());
        var x64 = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.X64, X64Cpu = X64CpuLevel.Sse42 });
        string message = LoadError(x64, artifact);
        Assert.Contains("aarch64", message);
        Assert.Contains("x86_64", message);
        Assert.Contains("instruction set", message);
    }

    [Fact]
    public void TheCilCompilerRefusesToSerialize()
    {
        var engine = new Engine(new CilCompiler());
        var module = Module.FromBytes(engine, Text.Wat.ToBinary(Program));
        Assert.Contains("cannot serialize", Assert.Throws<NotSupportedException>(module.Serialize).Message);
        Assert.Contains("cannot serialize", Assert.Throws<NotSupportedException>(() => Module.DeserializeTrusted(engine, new byte[64])).Message);
    }
}
