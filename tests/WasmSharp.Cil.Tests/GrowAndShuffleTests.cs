using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// Bounds checks after a callee grew memory (the length must not be cached across calls), and a shuffle
/// with a zero constant turned into one lookup: both must agree with the spec's answers.
/// </summary>
public class GrowAndShuffleTests
{
    private static long Call(string wat, string name, params Value[] args)
    {
        var engine = new Engine(new CilCompiler());
        using var store = new Store(engine);
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat))).GetFunction(name)!;
        return (long)f.Invoke(args)[0].Bits;
    }

    private const string Growing = """
        (module
          (memory 1)
          (func $grow (drop (memory.grow (i32.const 1))))
          (func (export "f") (result i32)
            (i32.store (i32.const 65536) (i32.const 0)) ;; never reached before the grow: would trap
            (i32.const 0))
          (func (export "g") (result i64)
            (i32.store (i32.const 0) (i32.const 7))     ;; caches the one-page length
            (call $grow)                                 ;; the callee grows; this frame's copy is stale
            (i32.store (i32.const 65536) (i32.const 41))
            (v128.store (i32.const 65552) (v128.const i64x2 1 2))
            (i64.add
              (i64.extend_i32_u (i32.add (i32.load (i32.const 65536)) (i32.load (i32.const 0))))
              (i64x2.extract_lane 1 (v128.load (i32.const 65552))))))
        """;

    [Fact]
    public void AccessPastTheLengthCachedBeforeACalleeGrewMemorySucceeds() =>
        Assert.Equal(41 + 7 + 2, Call(Growing, "g"));

    [Fact]
    public void AccessPastTheLengthStillTraps()
    {
        var e = Assert.ThrowsAny<Exception>(() => Call(Growing, "f"));
        Assert.Contains("out of bounds", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(0, 0x0000000300000001L)]  // lanes 0, 16, 1, 17, ... : bytes of $v interleaved with zeros
    [InlineData(1, 0x0000000700000005L)]
    public void ShuffleWithAZeroConstantZeroesTheOtherLanes(int lane, long expected)
    {
        string wat = $$"""
            (module
              (func (export "f") (result i64)
                (i64x2.extract_lane {{lane}}
                  (i8x16.shuffle 0 16 16 16 1 16 16 16 2 16 16 16 3 16 16 16
                    (v128.const i8x16 1 3 5 7 9 11 13 15 0 0 0 0 0 0 0 0)
                    (v128.const i64x2 0 0)))))
            """;
        Assert.Equal(expected, Call(wat, "f"));
    }
}
