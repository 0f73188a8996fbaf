using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// Deterministic mode: every NaN lane of a float result becomes the canonical NaN.
public static partial class SimdOps
{
    /// <summary>Each NaN lane of an f32x4 becomes 0x7FC00000; other lanes keep their bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V CanonicalizeF32x4(V v)
    {
        var x = As<float>(v);
        return B(Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Create(0x7FC0_0000).As<int, float>()));
    }

    /// <summary>Each NaN lane of an f64x2 becomes 0x7FF8000000000000; other lanes keep their bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V CanonicalizeF64x2(V v)
    {
        var x = As<double>(v);
        return B(Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Create(0x7FF8_0000_0000_0000L).As<long, double>()));
    }
}
