using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WasmSharp.Cil;

// Vector sequences for operators whose Wasm rules differ from the vector API's (NaN, signed zero, wrapping).
public static partial class SimdOps
{
    /// <summary>|x| wrapping at the minimum value (Wasm), where the scalar fallback of Vector128.Abs would throw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> AbsWrapping<T>(Vector128<T> x)
    {
        if (Ssse3.IsSupported && typeof(T) == typeof(int)) return Ssse3.Abs(x.AsInt32()).As<uint, T>();
        if (Ssse3.IsSupported && typeof(T) == typeof(short)) return Ssse3.Abs(x.AsInt16()).As<ushort, T>();
        if (Ssse3.IsSupported && typeof(T) == typeof(sbyte)) return Ssse3.Abs(x.AsSByte()).As<byte, T>();
        var negative = Vector128.LessThan(x, Vector128<T>.Zero); // all ones = -1
        return (x ^ negative) - negative;
    }

    /// <summary>Wasm fmin: NaN if either is (canonical), -0 below +0; otherwise the smaller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> MinWasm<T>(Vector128<T> a, Vector128<T> b)
    {
        if (Sse2.IsSupported) return MinSse(a, b, CanonicalNaN<T>());
        // Equal operands (±0 included) combine bitwise: or keeps a sign bit, so -0 wins.
        var r = Vector128.ConditionalSelect(Vector128.LessThan(a, b), a,
            Vector128.ConditionalSelect(Vector128.LessThan(b, a), b, a | b));
        return WithCanonicalNaN(a, b, r);
    }

    /// <summary>Wasm fmax: NaN if either is (canonical), +0 above -0; otherwise the larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> MaxWasm<T>(Vector128<T> a, Vector128<T> b)
    {
        if (Sse2.IsSupported) return MaxSse(a, b, CanonicalNaN<T>());
        // Equal operands combine bitwise: and clears a sign bit unless both have it, so +0 wins.
        var r = Vector128.ConditionalSelect(Vector128.LessThan(b, a), a,
            Vector128.ConditionalSelect(Vector128.LessThan(a, b), b, a & b));
        return WithCanonicalNaN(a, b, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> WithCanonicalNaN<T>(Vector128<T> a, Vector128<T> b, Vector128<T> r)
    {
        var ordered = Vector128.Equals(a, a) & Vector128.Equals(b, b);
        return Vector128.ConditionalSelect(ordered, r, CanonicalNaN<T>());
    }

    /// <summary>The positive canonical NaN in every lane (float or double lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> CanonicalNaN<T>() => typeof(T) == typeof(float)
        ? Vector128.Create(0x7FC0_0000).As<int, T>()
        : Vector128.Create(0x7FF8_0000_0000_0000).As<long, T>();

    /// <summary>Lanes clamped to [min, max] (before a truncating narrow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Clamp<T>(Vector128<T> x, T min, T max) =>
        Vector128.Min(Vector128.Max(x, Vector128.Create(min)), Vector128.Create(max));
}
