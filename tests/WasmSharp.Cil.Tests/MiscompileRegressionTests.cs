using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Reduced from ../shared/repro (binaryen fuzzer finds where CIL disagreed with Singlepass and binaryen).</summary>
public class MiscompileRegressionTests
{
    private static int Run(string wat, CilCompiler compiler) => (int)Call(wat, compiler).Bits;

    private static Value Call(string wat, CilCompiler compiler)
    {
        var engine = new Engine(compiler);
        using var store = new Store(engine);
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat))).GetFunction("f")!;
        return f.Invoke()[0];
    }

    [Theory]
    [InlineData("i32", "i32.rotr")]
    [InlineData("i32", "i32.rotl")]
    [InlineData("i64", "i64.rotr")]
    [InlineData("i64", "i64.rotl")]
    public void BranchOnARotateByAConstantTestsTheRotatedValue(string t, string rotate)
    {
        // cil-mismatch-03286: the first iteration rotates 0 and must leave the loop with $g = 9; RyuJIT branched on
        // the flags of the rol/ror (which keeps ZF from the store's bounds check) and looped until $g ran out
        string wat = $$"""
            (module
              (global $g (mut i32) (i32.const 10))
              (memory 1)
              (func (export "f") (result i32)
                (local $x {{t}}) (local $copy {{t}})
                (loop $l
                  (if (i32.eqz (global.get $g)) (then (return (i32.const -1))))
                  (global.set $g (i32.sub (global.get $g) (i32.const 1)))
                  ({{t}}.store16 (i32.const 10) (local.get $x))
                  (local.set $copy (local.get $x))
                  (local.set $x ({{t}}.const -78))
                  (br_if $l ({{t}}.ne ({{rotate}} (local.get $copy) ({{t}}.const 18)) ({{t}}.const 0))))
                (global.get $g)))
            """;
        Assert.Equal(9, Run(wat, new CilCompiler()));
        Assert.Equal(9, Run(wat, new CilCompiler { LazyThreshold = 0 }));
    }

    [Theory]
    [InlineData("i32", "f32", "i32.load16_s", 0xFFFFD9E7L)]
    [InlineData("i32", "f32", "i32.load8_s", 0xFFFFFFE7L)]
    [InlineData("i32", "f32", "i32.load16_u", 0x0000D9E7L)]
    [InlineData("i64", "f64", "i64.load16_s", unchecked((long)0xFFFFFFFFFFFFD9E7))]
    [InlineData("i64", "f64", "i64.load8_s", unchecked((long)0xFFFFFFFFFFFFFFE7))]
    [InlineData("i64", "f64", "i64.load32_u", 0x0000000002D9E7F1L)]
    public void ReinterpretOfANarrowLoadKeepsTheExtension(string i, string f, string load, long expected)
    {
        // cil-mismatch-03892: f32.reinterpret_i32 (i32.load16_s) became a 4-byte float load (no sign extension)
        string offset = load.EndsWith("32_u", StringComparison.Ordinal) ? "22" : "23";
        string wat = $$"""
            (module
              (memory 1)
              (data (i32.const 22) "\f1\e7\d9\02\00\00\00\00\00")
              (func (export "f") (result {{i}})
                ({{f}}.store (i32.const 0) ({{f}}.reinterpret_{{i}} ({{load}} (i32.const {{offset}}))))
                ({{i}}.load (i32.const 0))))
            """;
        ulong mask = i == "i32" ? uint.MaxValue : ulong.MaxValue;
        Assert.Equal((ulong)expected & mask, Call(wat, new CilCompiler()).Bits);
    }

    [Theory]
    [InlineData("i32", 0)]
    [InlineData("i32", 32)]
    [InlineData("i64", 0)]
    [InlineData("i64", 64)]
    public void XorOfShiftsIsNotARotate(string t, int n)
    {
        // (x << n) ^ (x >>u (width - n)) is 0 when n is a multiple of the width (both shifts are x); RyuJIT (.NET 10)
        // took any or/xor of such shifts for a rotate (dotnet/runtime#133864)
        int width = t == "i32" ? 32 : 64;
        string wat = $$"""
            (module
              (func (export "f") (param $x {{t}}) (param $n {{t}}) (result {{t}})
                ({{t}}.xor ({{t}}.shl (local.get $x) (local.get $n))
                  ({{t}}.shr_u (local.get $x) ({{t}}.sub ({{t}}.const {{width}}) (local.get $n))))))
            """;
        var engine = new Engine(new CilCompiler());
        using var store = new Store(engine);
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat))).GetFunction("f")!;
        var args = t == "i32" ? new[] { Value.I32(0x12345678), Value.I32(n) } : new[] { Value.I64(0x1234), Value.I64(n) };
        Assert.Equal(0ul, f.Invoke(args)[0].Bits);
    }
}
