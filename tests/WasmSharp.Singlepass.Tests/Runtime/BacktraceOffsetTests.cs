using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Every backtrace frame carries the module offset of its instruction: the trapping one in the innermost frame, the
/// call in each caller. Expected offsets come from the module's bytes (each instruction of interest follows a unique
/// marker constant), not from the compiler, and must be the same on every compiler (<see cref="Backends"/>).
/// </summary>
public class BacktraceOffsetTests
{
    // $main calls $mid calls one of the trapping functions; every call and trap follows a marker i32.const
    private const string Program = """
        (module
          (type $v (func))
          (memory 1)
          (table 8 funcref)
          (func $div (param i32) (result i32)
            i32.const 7001 local.get 0 i32.div_s)
          (func $oob (param i32) (result i32)
            local.get 0 i32.const 7002 drop i32.load offset=70000)
          (func $unreachable (param i32) (result i32)
            i32.const 7003 drop unreachable)
          (func $indirect (param i32) (result i32)
            i32.const 7004 call_indirect (type $v) i32.const 0)
          (func $mid (param i32 i32) (result i32)
            local.get 0 local.get 1 i32.const 7100 drop
            call_indirect (param i32) (result i32))
          (func (export "main") (param i32 i32) (result i32)
            local.get 0 local.get 1 i32.const 7200 drop call $mid)
          (elem (table 0) (i32.const 0) func $div $oob $unreachable $indirect))
        """;

    private static readonly string[] Names = ["div", "oob", "unreachable", "indirect", "mid", "main"];

    private static byte[] Binary() => WasmSharp.Contract.WasmNames.WithFunctionNames(Wat.ToBinary(Program), Names);

    /// <summary>Module offset of the instruction <paramref name="skip"/> bytes after the marker constant
    /// <paramref name="marker"/> (found in the bytes: <c>i32.const</c> with a unique two-byte LEB128).</summary>
    private static int After(byte[] wasm, int marker, int skip)
    {
        byte[] pattern = [0x41, (byte)(marker & 0x7F | 0x80), (byte)(marker >> 7 & 0x7F)];
        int at = -1;
        for (int i = 0; i + pattern.Length <= wasm.Length; i++)
        {
            if (!wasm.AsSpan(i, pattern.Length).SequenceEqual(pattern)) continue;
            Assert.Equal(-1, at);
            at = i;
        }
        Assert.NotEqual(-1, at);
        return at + pattern.Length + skip;
    }

    /// <summary>Every backend with every trapping function's table slot.</summary>
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (object[] row in (IEnumerable<object[]>)Backends.Names)
            for (int slot = 0; slot < Traps.Length; slot++) data.Add((string)row[0], slot);
        return data;
    }

    /// <summary>(trap kind, marker before the trapping instruction, bytes between them) per trapping function, by
    /// table slot.</summary>
    private static readonly (TrapKind Kind, int Marker, int Skip)[] Traps =
    [
        (TrapKind.IntegerDivideByZero, 7001, 2),
        (TrapKind.OutOfBoundsMemoryAccess, 7002, 1),
        (TrapKind.Unreachable, 7003, 1),
        (TrapKind.UndefinedElement, 7004, 0),
    ];

    private static TrapException Trap(string backend, int slot, Func<Engine, byte[], Module>? load = null)
    {
        var engine = Backends.Engine(backend);
        var bytes = Binary();
        var module = load is null ? Module.FromBytes(engine, bytes, "m") : load(engine, bytes);
        var instance = new Linker().Instantiate(new Store(engine), module);
        return Assert.Throws<TrapException>(() => instance.GetFunction<int, int, int>("main")(0, slot));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryFrameNamesItsInstruction(string backend, int slot)
    {
        var trap = Trap(backend, slot);
        var wasm = Binary();
        var (kind, marker, skip) = Traps[slot];
        Assert.Equal(kind, trap.Kind);
        var frames = trap.WasmStackTrace;
        Dictionary<string, int> expected = new()
        {
            [Names[slot]] = After(wasm, marker, skip), ["mid"] = After(wasm, 7100, 1), ["main"] = After(wasm, 7200, 1),
        };
        Assert.Contains($"   0: 0x{expected[Names[slot]]:x} - m!{Names[slot]}", trap.Message);
        if (backend != "cil")
        {
            Assert.Equal([Names[slot], "mid", "main"], frames.Select(f => f.FunctionName));
            Assert.Equal(expected.Values, frames.Select(f => f.ModuleOffset ?? -1));
            return;
        }
        // eager CIL: RyuJIT may inline $mid into $main (its frame is then gone), and a caller's IL offset may not
        // name one call: such a frame says its offset is unknown, it never gives a wrong one
        Assert.Equal(Names[slot], frames[0].FunctionName);
        Assert.Equal(expected[Names[slot]], frames[0].ModuleOffset);
        Assert.Equal("main", frames[^1].FunctionName);
        Assert.All(frames, f => Assert.True(f.ModuleOffset is null || f.ModuleOffset == expected[f.FunctionName!], $"{f}"));
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void FunctionOffsetsCountFromTheBody(string backend)
    {
        var trap = Trap(backend, 0);
        var wasm = Binary();
        // $div is the first body: the code section's first entry, after the section's size and count and the body's size
        var frame = trap.WasmStackTrace[0];
        Assert.NotNull(frame.FunctionOffset);
        int bodyStart = frame.ModuleOffset!.Value - frame.FunctionOffset!.Value;
        // the body: one byte of local declarations (none), then the marker
        Assert.Equal(0x00, wasm[bodyStart]);
        Assert.Equal(0x41, wasm[bodyStart + 1]);
        Assert.Equal(After(wasm, 7001, 2) - bodyStart, frame.FunctionOffset);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void StackExhaustionNamesTheRecursiveCall(string backend)
    {
        var engine = Backends.Engine(backend);
        var bytes = WasmSharp.Contract.WasmNames.WithFunctionNames(Wat.ToBinary("""
            (module (func $f (export "f") (param i32) (result i32)
              local.get 0 i32.const 7300 drop call $f))
            """), "f");
        var instance = new Linker().Instantiate(new Store(engine), Module.FromBytes(engine, bytes, "m"));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("f")(1));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        int call = After(bytes, 7300, 1);
        // the innermost frame traps at its entry check or at the call; every caller is at the call
        Assert.All(trap.WasmStackTrace.Skip(1), f => Assert.Equal(call, f.ModuleOffset));
        Assert.True(trap.WasmStackTrace[0].ModuleOffset is null || trap.WasmStackTrace[0].FunctionOffset >= 0);
    }

    [X64Fact]
    public void LoadedArtifactsKeepTheOffsets()
    {
        var compiled = Trap("singlepass", 1);
        var loaded = Trap("singlepass", 1, (engine, bytes) =>
            Module.DeserializeTrusted(engine, Module.FromBytes(engine, bytes).Serialize(), "m"));
        Assert.Equal(compiled.WasmStackTrace, loaded.WasmStackTrace);
        Assert.All(loaded.WasmStackTrace, f => Assert.NotNull(f.ModuleOffset));
    }

    [X64Fact]
    public void ArtifactFilesKeepTheOffsets()
    {
        // a file's offset map is read in place from its mapping
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-offsets-{Guid.NewGuid():N}.wsm");
        try
        {
            var compiled = Trap("singlepass", 3);
            var loaded = Trap("singlepass", 3, (engine, bytes) =>
            {
                File.WriteAllBytes(path, Module.FromBytes(engine, bytes).Serialize());
                return Module.DeserializeTrustedFile(engine, path, 0, -1, expectedModuleHash: null, "m");
            });
            Assert.Equal(compiled.WasmStackTrace, loaded.WasmStackTrace);
            Assert.All(loaded.WasmStackTrace, f => Assert.NotNull(f.ModuleOffset));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>AArch64, cross-compiled here: every call in the code (<c>bl</c> to a function or a trap stub,
    /// <c>blr</c> through a reference, as Capstone decodes them) maps back to its function's entry check or to the
    /// Wasm instruction that calls or traps there.</summary>
    [Fact]
    public unsafe void AArch64CallsMapToTheirInstructions()
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64, SignalBasedBoundsChecks = false });
        var wasm = Binary();
        using var module = Module.FromBytes(engine, wasm);
        var code = (SinglepassCode)module.Code;
        byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
        var texts = WasmSharp.Singlepass.Tests.Arm64.Arm64Check.Disassemble(machine);
        int first(int fn) => module.Info.Bodies[fn].Offset + 1; // after the (empty) local declarations
        int[][] expected =
        [
            [first(0), After(wasm, 7001, 2)],
            [first(1), After(wasm, 7002, 1)],
            [first(2), After(wasm, 7003, 1)],
            [first(3), After(wasm, 7004, 0)],
            [first(4), After(wasm, 7100, 1)],
            [first(5), After(wasm, 7200, 1)],
        ];
        var seen = new HashSet<int>();
        for (int fn = 0; fn < expected.Length; fn++)
        {
            int start = code.Offsets[fn], end = fn + 1 < expected.Length ? code.Offsets[fn + 1] : (int)code.CodeSize;
            for (int at = start; at < end; at += 4)
            {
                if (texts[at / 4] is not { } text || !(text.StartsWith("bl ", StringComparison.Ordinal) || text.StartsWith("blr ", StringComparison.Ordinal))) continue;
                // the unwinder looks up the return address less one
                int offset = code.Sites.WasmOffset(fn, at + 3 - start);
                Assert.Contains(offset, expected[fn]);
                seen.Add(offset);
            }
        }
        // every trapping instruction and call was found at some call
        foreach (var f in expected) Assert.Contains(f[1], seen);
    }
}
