using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime.Simd;

/// <summary>
/// v128 where values cross boundaries: parameters and results (several, mixed with scalars, so offsets in the
/// argument area are 8 or 16 bytes), globals, locals, calls between Wasm functions under register pressure, typed
/// select, and host functions, on both x86-64 code paths.
/// </summary>
public class SimdBoundaryTests
{
    public static TheoryData<X64CpuLevel> Paths() => [X64CpuLevel.Sse42, .. System.Runtime.Intrinsics.X86.Avx.IsSupported ? new[] { X64CpuLevel.Avx } : []];

    private static Instance Instantiate(X64CpuLevel cpu, string wat, Linker? linker = null) =>
        Wasm.Instantiate(wat, linker, new Store(new Engine(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu })));

    [X64Theory]
    [MemberData(nameof(Paths))]
    public void MultiValueMixesScalarsAndVectors(X64CpuLevel cpu)
    {
        var i = Instantiate(cpu, """
            (module
              (func $swap (param i32 v128 f64 v128) (result v128 i64 v128 i32)
                (local.get 3) (i64.extend_i32_u (local.get 0)) (local.get 1) (i32.trunc_f64_s (local.get 2)))
              (func (export "f") (param i32 v128 f64 v128) (result v128 i64 v128 i32)
                (call $swap (local.get 0) (local.get 1) (local.get 2) (local.get 3))))
            """);
        var r = i.GetFunction("f")!.Invoke(Value.I32(7), Value.V128(1, 2), Value.F64(-3.75), Value.V128(0xAAAA, 0xBBBB_CCCC_DDDD_EEEE));
        Assert.Equal(Value.V128(0xAAAA, 0xBBBB_CCCC_DDDD_EEEE), r[0]);
        Assert.Equal(7L, r[1].AsInt64());
        Assert.Equal(Value.V128(1, 2), r[2]);
        Assert.Equal(-3, r[3].AsInt32());
    }

    [X64Theory]
    [MemberData(nameof(Paths))]
    public void GlobalsLocalsAndSelect(X64CpuLevel cpu)
    {
        var i = Instantiate(cpu, """
            (module
              (global $g (export "g") (mut v128) (v128.const i64x2 5 6))
              (func (export "f") (param i32) (result v128)
                (local v128 i32 v128)
                (local.set 1 (v128.const i32x4 1 2 3 4))
                (local.set 2 (i32.const 9))
                (local.set 3 (i32x4.add (local.get 1) (global.get $g)))
                (global.set $g (local.get 3))
                (select (result v128) (local.get 3) (local.get 1) (local.get 0))))
            """);
        var f = i.GetFunction("f")!;
        Assert.Equal(Value.V128(0x0000_0002_0000_0006, 0x0000_0004_0000_0009), f.Invoke(Value.I32(1))[0]);
        Assert.Equal(Value.V128(0x0000_0002_0000_0001, 0x0000_0004_0000_0003), f.Invoke(Value.I32(0))[0]);
        Assert.Equal(Value.V128(0x0000_0004_0000_0007, 0x0000_0008_0000_000C), i.GetGlobal("g")!.Value);
    }

    /// <summary>More live vectors than vector registers: the oldest are spilled to 16-byte slots and come back whole.</summary>
    [X64Theory]
    [MemberData(nameof(Paths))]
    public void SpillsKeepAllSixteenBytes(X64CpuLevel cpu)
    {
        var consts = string.Concat(Enumerable.Range(1, 20).Select(k => $"(v128.const i64x2 {k} {k * 0x1_0000_0001L})"));
        var adds = string.Concat(Enumerable.Repeat("(i64x2.add)", 19));
        var i = Instantiate(cpu, $"(module (func (export \"f\") (result v128) {consts} {adds}))");
        Assert.Equal(Value.V128(210, 210 * 0x1_0000_0001UL), i.GetFunction("f")!.Invoke()[0]);
    }

    [X64Theory]
    [MemberData(nameof(Paths))]
    public void HostFunctionsTakeAndReturnVectors(X64CpuLevel cpu)
    {
        var linker = new Linker();
        var type = new FuncType([ValType.V128, ValType.I32], [ValType.V128]);
        linker.DefineFunction("host", "shift", type, (args, results) =>
            results[0] = Value.V128(args[0].Bits << args[1].AsInt32(), args[0].HighBits >> args[1].AsInt32()));
        var i = Instantiate(cpu, """
            (module
              (import "host" "shift" (func $shift (param v128 i32) (result v128)))
              (func (export "f") (param v128) (result v128)
                (i8x16.add (call $shift (local.get 0) (i32.const 4)) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))))
            """, linker);
        Assert.Equal(Value.V128(0x0101_0101_0101_0111, 0x0101_0101_0101_0201), i.GetFunction("f")!.Invoke(Value.V128(1, 0x1000))[0]);
    }
}
