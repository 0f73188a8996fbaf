using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Reduced from ../shared/repro (binaryen fuzzer finds where CIL disagreed with Singlepass and binaryen).</summary>
public class MiscompileRegressionTests
{
    private static int Run(string wat, CilCompiler compiler)
    {
        var engine = new Engine(compiler);
        using var store = new Store(engine);
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat))).GetFunction("f")!;
        return f.Invoke()[0].AsInt32();
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
}
