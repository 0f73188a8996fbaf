using System.ComponentModel;
namespace WasmSharp.Cil;

/// <summary>
/// Float constants RyuJIT would use to fold <c>x - 0</c>, <c>x * 1</c>, <c>x / 1</c> to <c>x</c>, which Wasm forbids
/// (a signaling NaN must come out quieted), and integer zeros that hide rotate counts and
/// the operands of int-to-float reinterprets (see <c>FunctionEmitter.EmitOpaqueXor</c>). Mutable statics are never constant-folded; loading one is one move.
/// </summary>
#pragma warning disable CA2211 // mutable on purpose: that is what hides the value from the JIT
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static class OpaqueConstants
{
    /// <summary>f32 +0, for <c>x - 0</c> and <c>x + 0</c> that must quiet a signaling NaN.</summary>
    public static float F32PosZero = 0f;
    /// <summary>f32 -0, for <c>x + -0</c>, which RyuJIT would fold to <c>x</c>.</summary>
    public static float F32NegZero = -0f;
    /// <summary>f32 1, for <c>x * 1</c> and <c>x / 1</c>.</summary>
    public static float F32PosOne = 1f;
    /// <summary>f32 -1, for <c>x * -1</c>, which RyuJIT would fold to a sign flip (no NaN quieting).</summary>
    public static float F32NegOne = -1f;
    /// <summary>f64 +0, as <see cref="F32PosZero"/>.</summary>
    public static double F64PosZero = 0d;
    /// <summary>f64 -0, as <see cref="F32NegZero"/>.</summary>
    public static double F64NegZero = -0d;
    /// <summary>f64 1, as <see cref="F32PosOne"/>.</summary>
    public static double F64PosOne = 1d;
    /// <summary>f64 -1, as <see cref="F32NegOne"/>.</summary>
    public static double F64NegOne = -1d;
    /// <summary>An i32 0 that RyuJIT cannot see through (rotate counts, reinterpret operands).</summary>
    public static int I32Zero;
    /// <summary>An i64 0, as <see cref="I32Zero"/>.</summary>
    public static long I64Zero;

    /// <summary>The field holding the f32 constant with <paramref name="bits"/>, or null when none does.</summary>
    public static string? F32Name(int bits) => bits switch
    {
        0 => nameof(F32PosZero),
        unchecked((int)0x80000000) => nameof(F32NegZero),
        0x3f800000 => nameof(F32PosOne),
        unchecked((int)0xbf800000) => nameof(F32NegOne),
        _ => null,
    };

    /// <summary>The field holding the f64 constant with <paramref name="bits"/>, or null when none does.</summary>
    public static string? F64Name(long bits) => bits switch
    {
        0 => nameof(F64PosZero),
        unchecked((long)0x8000000000000000) => nameof(F64NegZero),
        0x3ff0000000000000 => nameof(F64PosOne),
        unchecked((long)0xbff0000000000000) => nameof(F64NegOne),
        _ => null,
    };
}
