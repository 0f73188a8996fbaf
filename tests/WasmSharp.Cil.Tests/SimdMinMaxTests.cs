using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Wasm fmin/fmax/pmin/pmax on CIL (branch-free minps/maxps sequences on x86, see SimdOps.MinMax.cs) against
/// a bit-exact model, on every pair of edge values: NaNs of both signs (quiet, signaling, with payload), ±0, ±inf,
/// subnormals, extremes; scalar and v128 (every lane), called directly and through a small function that is inlined.</summary>
public class SimdMinMaxTests
{
    private static readonly uint[] F32Edges =
    [
        0x7FC00000, 0xFFC00000, 0x7FA00001, 0xFF800123, 0x7FC12345, // NaNs: canonical ±, signaling, negative signaling, payload
        0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x3F800000, 0xBF800000, 0x00000001, 0x80000001,
        0x7F7FFFFF, 0xFF7FFFFF, 0x40490FDB, 0xC0490FDB,
    ];

    private static readonly ulong[] F64Edges =
    [
        0x7FF8000000000000, 0xFFF8000000000000, 0x7FF4000000000001, 0xFFF0000000000123, 0x7FF8123456789ABC,
        0x0000000000000000, 0x8000000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x3FF0000000000000,
        0xBFF0000000000000, 0x0000000000000001, 0x8000000000000001, 0x7FEFFFFFFFFFFFFF, 0x400921FB54442D18,
    ];

    private const string Source = """
        (module
          (func $f32min (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func $f32max (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
          (func $f64min (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
          (func $f64max (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "f32.max") (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
          (func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
          (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "f32.min.call") (param f32 f32) (result f32) (call $f32min (local.get 0) (local.get 1)))
          (func (export "f32.max.call") (param f32 f32) (result f32) (call $f32max (local.get 0) (local.get 1)))
          (func (export "f64.min.call") (param f64 f64) (result f64) (call $f64min (local.get 0) (local.get 1)))
          (func (export "f64.max.call") (param f64 f64) (result f64) (call $f64max (local.get 0) (local.get 1)))
          (func (export "f32x4.min") (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
          (func (export "f32x4.max") (param v128 v128) (result v128) (f32x4.max (local.get 0) (local.get 1)))
          (func (export "f32x4.pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
          (func (export "f32x4.pmax") (param v128 v128) (result v128) (f32x4.pmax (local.get 0) (local.get 1)))
          (func (export "f64x2.min") (param v128 v128) (result v128) (f64x2.min (local.get 0) (local.get 1)))
          (func (export "f64x2.max") (param v128 v128) (result v128) (f64x2.max (local.get 0) (local.get 1)))
          (func (export "f64x2.pmin") (param v128 v128) (result v128) (f64x2.pmin (local.get 0) (local.get 1)))
          (func (export "f64x2.pmax") (param v128 v128) (result v128) (f64x2.pmax (local.get 0) (local.get 1))))
        """;

    private static bool IsNaN32(uint x) => (x & 0x7FFFFFFF) > 0x7F800000;
    private static bool IsNaN64(ulong x) => (x & 0x7FFFFFFFFFFFFFFF) > 0x7FF0000000000000;

    /// <summary>The non-NaN result of fmin/fmax, bit-exact (-0 below +0); null when either is NaN.</summary>
    private static ulong? MinMax(double a, double b, ulong aBits, ulong bBits, bool min, bool isNaN)
    {
        if (isNaN) return null;
        if (a == b) return min ? aBits | bBits : aBits & bBits; // equal: ±0 decided by the sign bits
        return (min ? a < b : a > b) ? aBits : bBits;
    }

    private static Instance Instantiate(CilCompiler compiler, out Store store)
    {
        var engine = new Engine(compiler);
        store = new Store(engine);
        return new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(Source)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScalarMinMaxFollowWasmRules(bool lazy)
    {
        var instance = Instantiate(new CilCompiler { LazyThreshold = lazy ? 0 : 1 << 20 }, out var store);
        using var _ = store;
        foreach (string suffix in new[] { "", ".call" })
            foreach (bool min in new[] { true, false })
            {
                var f32 = instance.GetFunction((min ? "f32.min" : "f32.max") + suffix)!;
                foreach (uint a in F32Edges)
                    foreach (uint b in F32Edges)
                    {
                        uint r = (uint)f32.Invoke([Value.F32Bits(a), Value.F32Bits(b)])[0].Bits;
                        var want = MinMax(BitConverter.UInt32BitsToSingle(a), BitConverter.UInt32BitsToSingle(b), a, b, min, IsNaN32(a) || IsNaN32(b));
                        if (want is null) Assert.True(IsNaN32(r) && (r & 0x00400000) != 0, $"{a:X8} {b:X8} -> {r:X8}: not an arithmetic NaN");
                        else Assert.True(want == r, $"{(min ? "min" : "max")}{suffix} {a:X8} {b:X8} -> {r:X8}, want {want:X8}");
                    }
                var f64 = instance.GetFunction((min ? "f64.min" : "f64.max") + suffix)!;
                foreach (ulong a in F64Edges)
                    foreach (ulong b in F64Edges)
                    {
                        ulong r = f64.Invoke([Value.F64Bits(a), Value.F64Bits(b)])[0].Bits;
                        var want = MinMax(BitConverter.UInt64BitsToDouble(a), BitConverter.UInt64BitsToDouble(b), a, b, min, IsNaN64(a) || IsNaN64(b));
                        if (want is null) Assert.True(IsNaN64(r) && (r & 0x0008000000000000) != 0, $"{a:X16} {b:X16} -> {r:X16}: not an arithmetic NaN");
                        else Assert.True(want == r, $"{(min ? "min" : "max")}{suffix} {a:X16} {b:X16} -> {r:X16}, want {want:X16}");
                    }
            }
    }

    [Fact]
    public void F32x4MinMaxPminPmaxFollowWasmRulesInEveryLane()
    {
        var instance = Instantiate(new CilCompiler(), out var store);
        using var _ = store;
        var ops = new[] { "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax" }.Select(n => instance.GetFunction(n)!).ToArray();
        var pairs = (from a in F32Edges from b in F32Edges select (a, b)).ToArray();
        for (int i = 0; i + 4 <= pairs.Length; i += 3) // overlapping windows: every pair in every lane position
        {
            var x = new uint[4]; var y = new uint[4];
            for (int l = 0; l < 4; l++) (x[l], y[l]) = pairs[(i + l) % pairs.Length];
            for (int op = 0; op < 4; op++)
            {
                var r = ops[op].Invoke([V(x), V(y)])[0];
                for (int l = 0; l < 4; l++)
                {
                    uint got = (uint)((l < 2 ? r.Bits : r.HighBits) >> (32 * (l & 1)));
                    float a = BitConverter.UInt32BitsToSingle(x[l]), b = BitConverter.UInt32BitsToSingle(y[l]);
                    uint? want = op switch
                    {
                        0 or 1 => (uint?)MinMax(a, b, x[l], y[l], op == 0, IsNaN32(x[l]) || IsNaN32(y[l])),
                        2 => b < a ? y[l] : x[l],
                        _ => a < b ? y[l] : x[l],
                    };
                    // fmin/fmax of a NaN: the canonical NaN (positive, as the portable path and deterministic mode)
                    Assert.True((want ?? 0x7FC00000) == got, $"{ops[op]} lane {l}: {x[l]:X8} {y[l]:X8} -> {got:X8}, want {want ?? 0x7FC00000:X8}");
                }
            }
        }
    }

    [Fact]
    public void F64x2MinMaxPminPmaxFollowWasmRulesInEveryLane()
    {
        var instance = Instantiate(new CilCompiler(), out var store);
        using var _ = store;
        var ops = new[] { "f64x2.min", "f64x2.max", "f64x2.pmin", "f64x2.pmax" }.Select(n => instance.GetFunction(n)!).ToArray();
        foreach (ulong a0 in F64Edges)
            foreach (ulong b0 in F64Edges)
            {
                ulong a1 = b0, b1 = a0; // the swapped pair in the high lane
                for (int op = 0; op < 4; op++)
                {
                    var r = ops[op].Invoke([Value.V128(a0, a1), Value.V128(b0, b1)])[0];
                    Check(op, a0, b0, r.Bits, 0);
                    Check(op, a1, b1, r.HighBits, 1);
                }
            }

        void Check(int op, ulong x, ulong y, ulong got, int lane)
        {
            double a = BitConverter.UInt64BitsToDouble(x), b = BitConverter.UInt64BitsToDouble(y);
            ulong? want = op switch
            {
                0 or 1 => MinMax(a, b, x, y, op == 0, IsNaN64(x) || IsNaN64(y)),
                2 => b < a ? y : x,
                _ => a < b ? y : x,
            };
            Assert.True((want ?? 0x7FF8000000000000) == got, $"{ops[op]} lane {lane}: {x:X16} {y:X16} -> {got:X16}");
        }
    }

    private static Value V(uint[] l) => Value.V128(l[0] | (ulong)l[1] << 32, l[2] | (ulong)l[3] << 32);
}
