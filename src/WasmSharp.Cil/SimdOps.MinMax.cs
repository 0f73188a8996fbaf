using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WasmSharp.Cil;

// Wasm fmin/fmax without branches on x86: minps/maxps in both operand orders. minps(x, y) is x < y ? x : y, so
// it gives its second operand when either is NaN or both are zeros; the two orders agree on every other pair.
// Or-ing them makes -0 win a min, and-ing makes +0 win a max; NaN lanes (either operand NaN) are then replaced.
public static partial class SimdOps
{
    /// <summary>Wasm fmin on x86 (callers check <see cref="Sse2.IsSupported"/>); NaN lanes become
    /// <paramref name="nan"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> MinSse<T>(Vector128<T> a, Vector128<T> b, Vector128<T> nan)
    {
        if (typeof(T) == typeof(float))
        {
            var x = a.AsSingle(); var y = b.AsSingle();
            var r = Sse.Or(Sse.Min(x, y), Sse.Min(y, x));
            return SelectSse(Sse.CompareUnordered(x, y), nan.AsSingle(), r).As<float, T>();
        }
        var p = a.AsDouble(); var q = b.AsDouble();
        var s = Sse2.Or(Sse2.Min(p, q), Sse2.Min(q, p));
        return SelectSse(Sse2.CompareUnordered(p, q), nan.AsDouble(), s).As<double, T>();
    }

    /// <summary>Wasm fmax on x86 (callers check <see cref="Sse2.IsSupported"/>); NaN lanes become
    /// <paramref name="nan"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> MaxSse<T>(Vector128<T> a, Vector128<T> b, Vector128<T> nan)
    {
        if (typeof(T) == typeof(float))
        {
            var x = a.AsSingle(); var y = b.AsSingle();
            var r = Sse.And(Sse.Max(x, y), Sse.Max(y, x));
            return SelectSse(Sse.CompareUnordered(x, y), nan.AsSingle(), r).As<float, T>();
        }
        var p = a.AsDouble(); var q = b.AsDouble();
        var s = Sse2.And(Sse2.Max(p, q), Sse2.Max(q, p));
        return SelectSse(Sse2.CompareUnordered(p, q), nan.AsDouble(), s).As<double, T>();
    }

    /// <summary>Wasm pmin (<c>b &lt; a ? b : a</c>) is minps(b, a) exactly, NaN and zeros included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> PminSse<T>(Vector128<T> a, Vector128<T> b) => typeof(T) == typeof(float)
        ? Sse.Min(b.AsSingle(), a.AsSingle()).As<float, T>()
        : Sse2.Min(b.AsDouble(), a.AsDouble()).As<double, T>();

    /// <summary>Wasm pmax (<c>a &lt; b ? b : a</c>) is maxps(b, a) exactly: b &gt; a ? b : a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> PmaxSse<T>(Vector128<T> a, Vector128<T> b) => typeof(T) == typeof(float)
        ? Sse.Max(b.AsSingle(), a.AsSingle()).As<float, T>()
        : Sse2.Max(b.AsDouble(), a.AsDouble()).As<double, T>();

    /// <summary>mask ? x : y per lane, for masks that are all ones or all zeros per lane (blendv with SSE4.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> SelectSse<T>(Vector128<T> mask, Vector128<T> x, Vector128<T> y)
    {
        if (!Sse41.IsSupported) return Vector128.ConditionalSelect(mask, x, y);
        return typeof(T) == typeof(float)
            ? Sse41.BlendVariable(y.AsSingle(), x.AsSingle(), mask.AsSingle()).As<float, T>()
            : Sse41.BlendVariable(y.AsDouble(), x.AsDouble(), mask.AsDouble()).As<double, T>();
    }

    /// <summary><c>f32.min</c> without branches (x86 with SSE2): the NaN case gives <c>a + b</c>, as the portable
    /// <see cref="NumericOps.F32Min"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float F32MinScalar(float a, float b)
    {
        var x = Vector128.CreateScalarUnsafe(a); var y = Vector128.CreateScalarUnsafe(b);
        return MinSse(x, y, Sse.AddScalar(x, y)).ToScalar();
    }

    /// <summary><c>f32.max</c> without branches (x86 with SSE2), NaN as <c>a + b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float F32MaxScalar(float a, float b)
    {
        var x = Vector128.CreateScalarUnsafe(a); var y = Vector128.CreateScalarUnsafe(b);
        return MaxSse(x, y, Sse.AddScalar(x, y)).ToScalar();
    }

    /// <summary><c>f64.min</c> without branches (x86 with SSE2), NaN as <c>a + b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double F64MinScalar(double a, double b)
    {
        var x = Vector128.CreateScalarUnsafe(a); var y = Vector128.CreateScalarUnsafe(b);
        return MinSse(x, y, Sse2.AddScalar(x, y)).ToScalar();
    }

    /// <summary><c>f64.max</c> without branches (x86 with SSE2), NaN as <c>a + b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double F64MaxScalar(double a, double b)
    {
        var x = Vector128.CreateScalarUnsafe(a); var y = Vector128.CreateScalarUnsafe(b);
        return MaxSse(x, y, Sse2.AddScalar(x, y)).ToScalar();
    }
}
