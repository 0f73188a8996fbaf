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

    [X64Fact]
    public void TheHeaderDescribesTheArtifact()
    {
        var artifact = Artifact(Wasm.Engine());
        var header = ArtifactFormat.Read(artifact).Header;
        Assert.Equal("singlepass", header.Target.Compiler);
        Assert.Equal(WasmSharpVersion.Current, header.WasmSharpVersion);
        Assert.Equal(ArtifactFormat.HashModule(Text.Wat.ToBinary(Program)), header.ModuleHash);
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
