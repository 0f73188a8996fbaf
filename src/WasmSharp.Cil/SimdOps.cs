using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmSharp.Runtime;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

/// <summary>
/// SIMD operators on <see cref="Vector128{T}"/> (a v128 is a <c>Vector128&lt;byte&gt;</c> in generated code), named
/// after their <see cref="Binary.Opcode"/>. Operands in Wasm stack order, then the context and static offset (memory)
/// and the lane or shuffle immediates. Lane-wise loops stand where Wasm's rules (saturation, NaN, rounding) differ
/// from the vector API's.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static unsafe partial class SimdOps
{
    private static Vector128<T> As<T>(V v) => v.As<byte, T>();
    private static V B<T>(Vector128<T> v) => v.As<T, byte>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* At(int addr, nint vmctx, ulong offset, uint size)
    {
        var c = (VMContext*)vmctx;
        ulong ea = (uint)addr + offset;
        // An IL throw, not a call to Traps.Throw: RyuJIT takes that call for one that returns, and then spills
        // every live vector around each access (xmm registers are caller-saved).
        if (ea + size > c->MemoryLength) throw Traps.Create((int)TrapKind.OutOfBoundsMemoryAccess);
        return c->MemoryBase + ea;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Const(long lo, long hi) => B(Vector128.Create(lo, hi));

    // ---- memory -------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<V>(At(a, c, o, 16));
    private static Vector128<T> Half<T>(int a, nint c, ulong o) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))).As<ulong, T>();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<sbyte>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<byte>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<short>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<ushort>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<int>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<uint>(a, c, o)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Splat(int a, nint c, ulong o) => Vector128.Create(*At(a, c, o, 1));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Zero(int a, nint c, ulong o) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Zero(int a, nint c, ulong o) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store(int a, V v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 16), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Lane(int a, V v, nint c, ulong o, int lane) => v.WithElement(lane, *At(a, c, o, 1));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Lane(int a, V v, nint c, ulong o, int lane) => B(As<ushort>(v).WithElement(lane, Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Lane(int a, V v, nint c, ulong o, int lane) => B(As<uint>(v).WithElement(lane, Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Lane(int a, V v, nint c, ulong o, int lane) => B(As<ulong>(v).WithElement(lane, Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store8Lane(int a, V v, nint c, ulong o, int lane) => *At(a, c, o, 1) = v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store16Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 2), As<ushort>(v).GetElement(lane));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store32Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 4), As<uint>(v).GetElement(lane));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store64Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 8), As<ulong>(v).GetElement(lane));

    // ---- lanes --------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16Splat(int x) => Vector128.Create((byte)x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8Splat(int x) => B(Vector128.Create((short)x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4Splat(int x) => B(Vector128.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I64x2Splat(long x) => B(Vector128.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4Splat(float x) => B(Vector128.Create(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2Splat(double x) => B(Vector128.Create(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneS(V v, int l) => As<sbyte>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneU(V v, int l) => v.GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneS(V v, int l) => As<short>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneU(V v, int l) => As<ushort>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4ExtractLane(V v, int l) => As<int>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64x2ExtractLane(V v, int l) => As<long>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32x4ExtractLane(V v, int l) => As<float>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64x2ExtractLane(V v, int l) => As<double>(v).GetElement(l);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16ReplaceLane(V v, int x, int l) => v.WithElement(l, (byte)x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8ReplaceLane(V v, int x, int l) => B(As<short>(v).WithElement(l, (short)x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4ReplaceLane(V v, int x, int l) => B(As<int>(v).WithElement(l, x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I64x2ReplaceLane(V v, long x, int l) => B(As<long>(v).WithElement(l, x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4ReplaceLane(V v, float x, int l) => B(As<float>(v).WithElement(l, x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2ReplaceLane(V v, double x, int l) => B(As<double>(v).WithElement(l, x));

    // ---- bitwise ------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Not(V a) => ~a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128And(V a, V b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Andnot(V a, V b) => Vector128.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Or(V a, V b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Xor(V a, V b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Bitselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int V128AnyTrue(V a) => a != V.Zero ? 1 : 0;
}
