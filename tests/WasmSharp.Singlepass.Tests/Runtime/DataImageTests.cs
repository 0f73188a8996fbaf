using WasmSharp.Artifacts;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>An artifact's data image: a loaded module's memory starts exactly as the compiled module's does (runs
/// merged, later segments over earlier ones, passive segments kept for memory.init), and modules whose active
/// segments could trap or depend on the instantiation keep their segments.</summary>
public class DataImageTests
{
    private const string Segments = """
        (module
          (memory (export "memory") 1)
          (global $base i32 (i32.const 0))
          (data (i32.const 8) "abcd")
          (data (i32.const 12) "efgh")
          (data (i32.const 10) "XY")
          (data "passive")
          (data (i32.const 100) "")
          (data (i32.const 65530) "tail!!")
          (data (i32.const 16) "ijkl")
          (data (i32.const 40) "mn")
          (data (i32.const 60) "op")
          (data (i32.const 50) "QR")
          (data (i32.const 300) "s")
          (data (i32.const 280) "t")
          (data (i32.const 310) "u")
          (data (i32.const 24) "1234")
          (data (i32.const 22) "5678")
          (func (export "init") (param i32 i32 i32) (memory.init 3 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "drop") (data.drop 3))
          (func (export "init-active") (param i32) (memory.init 0 (local.get 0) (i32.const 0) (i32.const 1))))
        """;

    private static byte[] Memory(Instance instance) => instance.Memory!.Span.ToArray();

    private static void Init(Instance instance, int dst, int src, int n) =>
        instance.GetFunction("init")!.Invoke(Value.I32(dst), Value.I32(src), Value.I32(n));

    private static (Instance Compiled, Instance Loaded, Module Module) Both(string wat)
    {
        var engine = Wasm.Engine();
        var compiled = Wasm.Compile(engine, wat);
        var loaded = Module.DeserializeTrusted(engine, compiled.Serialize());
        return (new Linker().Instantiate(new Store(engine), compiled), new Linker().Instantiate(new Store(engine), loaded), loaded);
    }

    [X64Fact]
    public void ALoadedModulesMemoryStartsAsTheCompiledOnesAndPassiveSegmentsStay()
    {
        var (compiled, loaded, module) = Both(Segments);
        Assert.NotNull(module.Info.DataImage);
        Assert.Equal(Memory(compiled), Memory(loaded));
        Assert.Equal("abXYefghijkl"u8.ToArray(), Memory(loaded)[8..20]);
        // runs span small gaps of zeros, and overlapping segments leave the later one's bytes
        Assert.Equal("mn\0\0\0\0\0\0\0\0QR\0\0\0\0\0\0\0\0op"u8.ToArray(), Memory(loaded)[40..62]);
        Assert.Equal((byte)'s', Memory(loaded)[300]);
        Assert.Equal((byte)'t', Memory(loaded)[280]);
        Assert.Equal((byte)'u', Memory(loaded)[310]);
        Assert.Equal("567834"u8.ToArray(), Memory(loaded)[22..28]);
        // the passive segment is still there for memory.init (decoded on first use), then dropped
        Assert.Equal(15, module.Info.DataSegmentCount);
        Assert.Equal("passive"u8.ToArray(), module.Info.Slice(module.Info.Data[3].DataOffset, module.Info.Data[3].DataLength).ToArray());
        foreach (var instance in new[] { compiled, loaded })
        {
            Init(instance, 200, 2, 3);
            Assert.Equal("ssi"u8.ToArray(), Memory(instance)[200..203]);
            // an active segment is dropped after instantiation, in both: memory.init of one byte traps
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => instance.GetAction<int>("init-active")(0)).Kind);
            instance.GetAction("drop")();
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => Init(instance, 0, 0, 1)).Kind);
        }
    }

    [X64Fact]
    public void TheImageIsKeptWhenALoadedModuleIsSerializedAgain()
    {
        var engine = Wasm.Engine();
        var artifact = Wasm.Compile(engine, Segments).Serialize();
        var again = Module.DeserializeTrusted(engine, Module.DeserializeTrusted(engine, artifact).Serialize());
        Assert.Equal(artifact, again.Serialize());
        Assert.NotNull(again.Info.DataImage);
        // beside the module, not in it: the module keeps only empty active segments
        Assert.Equal(ArtifactFormat.Read(artifact).DataImage.ToArray(), again.Info.DataImage.Bytes.ToArray());
        Assert.DoesNotContain(again.Info.Data, d => d.Mode == SegmentMode.Active && d.DataLength > 0);
        Assert.Equal("abXYefghijkl"u8.ToArray(), Memory(new Linker().Instantiate(new Store(engine), again))[8..20]);
    }

    [X64Theory]
    // an offset from an imported global: known only at instantiation
    [InlineData("(import \"env\" \"base\" (global $g i32)) (memory 1) (data (global.get $g) \"abcd\")")]
    // a segment past the minimum size: instantiation must trap
    [InlineData("(memory 1 2) (data (i32.const 65534) \"abcd\")")]
    // an imported memory: not fresh, its size known only at instantiation
    [InlineData("(import \"env\" \"memory\" (memory 1)) (data (i32.const 8) \"abcd\")")]
    public void SegmentsThatDependOnTheInstantiationStay(string fields)
    {
        var engine = Wasm.Engine();
        var compiled = Wasm.Compile(engine, $"(module {fields} (func (export \"f\")))");
        var loaded = Module.DeserializeTrusted(engine, compiled.Serialize());
        Assert.Null(loaded.Info.DataImage);
        var segment = Assert.Single(loaded.Info.Data);
        Assert.Equal("abcd"u8.ToArray(), loaded.Info.Slice(segment.DataOffset, segment.DataLength).ToArray());
        var linker = new Linker();
        var store = new Store(engine);
        if (fields.Contains("base")) linker.Define("env", "base", store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(8)));
        if (fields.Contains("\"memory\"")) linker.Define("env", "memory", store.CreateMemory(new MemoryType(new Limits(1, null))));
        if (fields.Contains("65534"))
        {
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => linker.Instantiate(store, loaded)).Kind);
            return;
        }
        var instance = linker.Instantiate(store, loaded);
        Assert.Equal("abcd"u8.ToArray(), instance.Memory!.Span.Slice(8, 4).ToArray());
    }

    [X64Fact]
    public void ADamagedImageIsRefused()
    {
        var engine = Wasm.Engine();
        var contents = ArtifactFormat.Read(Wasm.Compile(engine, Segments).Serialize());
        var image = contents.DataImage.ToArray();
        image[0] = 0x7F; // a run count far beyond the image
        var forged = ArtifactFormat.Write(contents.Header, contents.Module.Span, image, _ => contents.Payload.ToArray());
        Assert.Contains("data image is damaged", Assert.Throws<ArtifactException>(() => Module.DeserializeTrusted(engine, forged)).Message);
        // a run longer than the image, and bytes after the last run
        image = contents.DataImage.ToArray();
        image[8] = 0xFF;
        Assert.Contains("data image is damaged", Assert.Throws<ArtifactException>(() => Module.DeserializeTrusted(engine,
            ArtifactFormat.Write(contents.Header, contents.Module.Span, image, _ => contents.Payload.ToArray()))).Message);
        Assert.Contains("data image is damaged", Assert.Throws<ArtifactException>(() => Module.DeserializeTrusted(engine,
            ArtifactFormat.Write(contents.Header, contents.Module.Span, [.. contents.DataImage.Span, 0], _ => contents.Payload.ToArray()))).Message);
    }
}
