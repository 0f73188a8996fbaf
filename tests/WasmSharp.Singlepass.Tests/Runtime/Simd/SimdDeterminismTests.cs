using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime.Simd;

/// <summary>
/// <see cref="EngineConfig.Deterministic"/> on SIMD: every NaN lane that float arithmetic, sqrt, min/max, rounding,
/// demote or promote produces is the positive canonical NaN. x86 itself produces the negative "default NaN"
/// (0xFFC00000) for 0/0, so without the mode the same functions give a different bit pattern.
/// </summary>
public class SimdDeterminismTests
{
    private const string Module = """
        (module
          (func (export "f32div") (param v128 v128) (result v128) (f32x4.div (local.get 0) (local.get 1)))
          (func (export "f64add") (param v128 v128) (result v128) (f64x2.add (local.get 0) (local.get 1)))
          (func (export "f32sqrt") (param v128) (result v128) (f32x4.sqrt (local.get 0)))
          (func (export "f64min") (param v128 v128) (result v128) (f64x2.min (local.get 0) (local.get 1)))
          (func (export "f32max") (param v128 v128) (result v128) (f32x4.max (local.get 0) (local.get 1)))
          (func (export "f32ceil") (param v128) (result v128) (f32x4.ceil (local.get 0)))
          (func (export "demote") (param v128) (result v128) (f32x4.demote_f64x2_zero (local.get 0)))
          (func (export "promote") (param v128) (result v128) (f64x2.promote_low_f32x4 (local.get 0)))
          (func (export "f32neg") (param v128) (result v128) (f32x4.neg (local.get 0))))
        """;

    private const uint Canon32 = 0x7FC0_0000;
    private const ulong Canon64 = 0x7FF8_0000_0000_0000;
    private static readonly uint[] Zeros = [0, 0, 0, 0];

    public static TheoryData<X64CpuLevel> Paths() => [X64CpuLevel.Sse42, .. System.Runtime.Intrinsics.X86.Avx.IsSupported ? new[] { X64CpuLevel.Avx } : []];

    private static Instance Instantiate(X64CpuLevel cpu, bool deterministic)
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu, Deterministic = deterministic });
        return Wasm.Instantiate(Module, store: new Store(engine));
    }

    private static Value V32(params uint[] lanes) => Value.V128(lanes[0] | (ulong)lanes[1] << 32, lanes[2] | (ulong)lanes[3] << 32);
    private static Value V64(ulong lo, ulong hi) => Value.V128(lo, hi);
    private static uint[] Lanes32(Value v) => [(uint)v.Bits, (uint)(v.Bits >> 32), (uint)v.HighBits, (uint)(v.HighBits >> 32)];

    [X64Theory]
    [MemberData(nameof(Paths))]
    public void NaNLanesAreCanonicalAndOtherLanesUntouched(X64CpuLevel cpu)
    {
        var i = Instantiate(cpu, deterministic: true);
        uint one = 0x3F80_0000, two = 0x4000_0000, negQuiet = 0xFFC0_1234, inf = 0x7F80_0000;
        // 0/0, 1/2, x/NaN(negative payload), inf/inf
        var div = i.GetFunction("f32div")!.Invoke(V32(0, one, one, inf), V32(0, two, negQuiet, inf))[0];
        Assert.Equal([Canon32, 0x3F00_0000, Canon32, Canon32], Lanes32(div));
        var add = i.GetFunction("f64add")!.Invoke(V64(0x7FF0_0000_0000_0000, 0x3FF0_0000_0000_0000), V64(0xFFF0_0000_0000_0000, 0x3FF0_0000_0000_0000))[0];
        Assert.Equal((Canon64, 0x4000_0000_0000_0000UL), (add.Bits, add.HighBits));
        var sqrt = i.GetFunction("f32sqrt")!.Invoke(V32(0xBF80_0000, 0x4080_0000, 0xFF80_0001, 0))[0];
        Assert.Equal([Canon32, 0x4000_0000, Canon32, 0], Lanes32(sqrt));
        var min = i.GetFunction("f64min")!.Invoke(V64(0xFFF8_0000_0000_0001, 0x8000_0000_0000_0000), V64(0x3FF0_0000_0000_0000, 0))[0];
        Assert.Equal((Canon64, 0x8000_0000_0000_0000UL), (min.Bits, min.HighBits));
        var max = i.GetFunction("f32max")!.Invoke(V32(0xFFC0_0000, one, 0x8000_0000, 0x7F80_0001), V32(one, 0xFF80_0001, 0, one))[0];
        Assert.Equal([Canon32, Canon32, 0, Canon32], Lanes32(max));
        var ceil = i.GetFunction("f32ceil")!.Invoke(V32(0xFFA0_0000, 0x3FC0_0000, 0, 0))[0];
        Assert.Equal([Canon32, two, 0, 0], Lanes32(ceil));
        var demote = i.GetFunction("demote")!.Invoke(V64(0xFFF4_0000_0000_0000, 0x3FF0_0000_0000_0000))[0];
        Assert.Equal([Canon32, one, 0, 0], Lanes32(demote));
        var promote = i.GetFunction("promote")!.Invoke(V32(0xFFA0_0000, one, 0, 0))[0];
        Assert.Equal((Canon64, 0x3FF0_0000_0000_0000UL), (promote.Bits, promote.HighBits));
    }

    /// <summary>neg only flips the sign bit, so a NaN keeps its payload even in deterministic mode.</summary>
    [X64Theory]
    [MemberData(nameof(Paths))]
    public void SignOperationsKeepNaNBits(X64CpuLevel cpu)
    {
        var i = Instantiate(cpu, deterministic: true);
        var neg = i.GetFunction("f32neg")!.Invoke(V32(0x7FC0_1234, 0xFFA0_0000, 0, 0))[0];
        Assert.Equal([0xFFC0_1234, 0x7FA0_0000, 0x8000_0000, 0x8000_0000], Lanes32(neg));
    }

    /// <summary>The mode changes results: x86's own 0/0 is the negative default NaN.</summary>
    [X64Theory]
    [MemberData(nameof(Paths))]
    public void WithoutTheModeTheHardwareNaNShows(X64CpuLevel cpu)
    {
        var i = Instantiate(cpu, deterministic: false);
        var div = i.GetFunction("f32div")!.Invoke(V32(0, 0, 0, 0), V32(0, 0, 0, 0))[0];
        Assert.Equal([0xFFC0_0000, 0xFFC0_0000, 0xFFC0_0000, 0xFFC0_0000], Lanes32(div));
        Assert.NotEqual(Zeros, Lanes32(div));
    }
}
