using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// SIMD loads from an address the emitter has already bounds-checked inline (FunctionEmitter.SimdMemory), so the
// memory base comes from the function's local instead of being reloaded from the context after every store.
public static unsafe partial class SimdOps
{
    private static Vector128<T> HalfAt<T>(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).As<ulong, T>();

    /// <summary><c>v128.load8x8_s</c> at a checked address: 8 bytes, each sign-extended to 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8SAt(byte* p) => B(Vector128.WidenLower(HalfAt<sbyte>(p)));
    /// <summary><c>v128.load8x8_u</c> at a checked address: 8 bytes, each zero-extended to 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8UAt(byte* p) => B(Vector128.WidenLower(HalfAt<byte>(p)));
    /// <summary><c>v128.load16x4_s</c> at a checked address: 4 halfwords, each sign-extended to 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4SAt(byte* p) => B(Vector128.WidenLower(HalfAt<short>(p)));
    /// <summary><c>v128.load16x4_u</c> at a checked address: 4 halfwords, each zero-extended to 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4UAt(byte* p) => B(Vector128.WidenLower(HalfAt<ushort>(p)));
    /// <summary><c>v128.load32x2_s</c> at a checked address: 2 words, each sign-extended to 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2SAt(byte* p) => B(Vector128.WidenLower(HalfAt<int>(p)));
    /// <summary><c>v128.load32x2_u</c> at a checked address: 2 words, each zero-extended to 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2UAt(byte* p) => B(Vector128.WidenLower(HalfAt<uint>(p)));
    /// <summary><c>v128.load8_splat</c> at a checked address: the byte in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8SplatAt(byte* p) => Vector128.Create(*p);
    /// <summary><c>v128.load16_splat</c> at a checked address: the halfword in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<ushort>(p)));
    /// <summary><c>v128.load32_splat</c> at a checked address: the word in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<uint>(p)));
    /// <summary><c>v128.load64_splat</c> at a checked address: the doubleword in both lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<ulong>(p)));
    /// <summary><c>v128.load32_zero</c> at a checked address: the word in lane 0, zeros above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32ZeroAt(byte* p) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)));
    /// <summary><c>v128.load64_zero</c> at a checked address: the doubleword in lane 0, zeros above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64ZeroAt(byte* p) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)));
}
