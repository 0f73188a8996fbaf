using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// Byte shuffles as table lookups (pshufb, tbl): lane loops here cost ~50 instructions per operator.
public static partial class SimdOps
{
    /// <summary>
    /// <c>i8x16.shuffle</c> with its indices pre-split by the emitter into one mask per operand; a mask byte of 0x80
    /// selects zero in every lookup used here (pshufb: high bit; tbl and <see cref="Vector128.Shuffle(V, V)"/>: ≥ 16).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16Shuffle(V a, V b, long aLo, long aHi, long bLo, long bHi) =>
        Lookup(a, Vector128.Create(aLo, aHi).AsByte()) | Lookup(b, Vector128.Create(bLo, bHi).AsByte());

    /// <summary><c>i8x16.shuffle</c> of <paramref name="a"/> and a zero vector: mask bytes of 0x80 give zero lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16ShuffleWithZero(V a, long lo, long hi) => Lookup(a, Vector128.Create(lo, hi).AsByte());

    /// <summary><c>i8x16.shuffle</c> of a zero vector (<paramref name="zero"/>, unused) and <paramref name="b"/>: the
    /// mask holds <paramref name="b"/>'s lanes, 0x80 for the zero ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16ShuffleOfZero(V zero, V b, long lo, long hi) => Lookup(b, Vector128.Create(lo, hi).AsByte());

    /// <summary><c>i8x16.swizzle</c>: an index ≥ 16 gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16Swizzle(V a, V s)
    {
        // pshufb looks at the low 4 bits unless the high bit is set: saturating + 0x70 sets it exactly for s ≥ 16.
        if (Ssse3.IsSupported) return Ssse3.Shuffle(a, Sse2.AddSaturate(s, Vector128.Create((byte)0x70)));
        return Lookup(a, s);
    }

    /// <summary>Bytes of <paramref name="t"/> at indices <paramref name="idx"/>, 0 for an index ≥ 16 (pshufb: ≥ 0x80 only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Lookup(V t, V idx)
    {
        if (Ssse3.IsSupported) return Ssse3.Shuffle(t, idx);
        if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.VectorTableLookup(t, idx);
        return Vector128.Shuffle(t, idx);
    }
}
