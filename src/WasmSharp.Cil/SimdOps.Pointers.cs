using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// SIMD loads from an address the emitter has already bounds-checked inline (FunctionEmitter.SimdMemory), so the
// memory base comes from the function's local instead of being reloaded from the context after every store.
public static unsafe partial class SimdOps
{
    private static Vector128<T> HalfAt<T>(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).As<ulong, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8SAt(byte* p) => B(Vector128.WidenLower(HalfAt<sbyte>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8UAt(byte* p) => B(Vector128.WidenLower(HalfAt<byte>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4SAt(byte* p) => B(Vector128.WidenLower(HalfAt<short>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4UAt(byte* p) => B(Vector128.WidenLower(HalfAt<ushort>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2SAt(byte* p) => B(Vector128.WidenLower(HalfAt<int>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2UAt(byte* p) => B(Vector128.WidenLower(HalfAt<uint>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8SplatAt(byte* p) => Vector128.Create(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<ushort>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<uint>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64SplatAt(byte* p) => B(Vector128.Create(Unsafe.ReadUnaligned<ulong>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32ZeroAt(byte* p) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64ZeroAt(byte* p) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)));
}
