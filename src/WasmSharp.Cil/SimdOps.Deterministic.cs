using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// Deterministic mode: every NaN lane of a float result becomes the canonical NaN.
public static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V CanonicalizeF32x4(V v)
    {
        var x = As<float>(v);
        return B(Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Create(0x7FC0_0000).As<int, float>()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V CanonicalizeF64x2(V v)
    {
        var x = As<double>(v);
        return B(Vector128.ConditionalSelect(Vector128.Equals(x, x), x, Vector128.Create(0x7FF8_0000_0000_0000L).As<long, double>()));
    }
}
