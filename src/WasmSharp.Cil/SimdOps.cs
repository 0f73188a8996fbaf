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

    /// <summary><c>v128.const</c>: the constant from its two 64-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Const(long lo, long hi) => B(Vector128.Create(lo, hi));

    // ---- memory -------------------------------------------------------------------------------------------

    /// <summary><c>v128.load</c>: the 16 bytes at the effective address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<V>(At(a, c, o, 16));
    private static Vector128<T> Half<T>(int a, nint c, ulong o) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))).As<ulong, T>();
    /// <summary><c>v128.load8x8_s</c>: 8 8-bit values at the effective address, each sign-extended to twice its width;
    /// traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<sbyte>(a, c, o)));
    /// <summary><c>v128.load8x8_u</c>: 8 8-bit values at the effective address, each zero-extended to twice its width;
    /// traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8x8U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<byte>(a, c, o)));
    /// <summary><c>v128.load16x4_s</c>: 4 16-bit values at the effective address, each sign-extended to twice its
    /// width; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<short>(a, c, o)));
    /// <summary><c>v128.load16x4_u</c>: 4 16-bit values at the effective address, each zero-extended to twice its
    /// width; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16x4U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<ushort>(a, c, o)));
    /// <summary><c>v128.load32x2_s</c>: 2 32-bit values at the effective address, each sign-extended to twice its
    /// width; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2S(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<int>(a, c, o)));
    /// <summary><c>v128.load32x2_u</c>: 2 32-bit values at the effective address, each zero-extended to twice its
    /// width; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32x2U(int a, nint c, ulong o) => B(Vector128.WidenLower(Half<uint>(a, c, o)));
    /// <summary><c>v128.load8_splat</c>: the 8-bit value at the effective address in every lane; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Splat(int a, nint c, ulong o) => Vector128.Create(*At(a, c, o, 1));
    /// <summary><c>v128.load16_splat</c>: the 16-bit value at the effective address in every lane; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2))));
    /// <summary><c>v128.load32_splat</c>: the 32-bit value at the effective address in every lane; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    /// <summary><c>v128.load64_splat</c>: the 64-bit value at the effective address in every lane; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Splat(int a, nint c, ulong o) => B(Vector128.Create(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    /// <summary><c>v128.load32_zero</c>: the 32-bit value at the effective address in the low lane, zeros above; traps
    /// out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Zero(int a, nint c, ulong o) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    /// <summary><c>v128.load64_zero</c>: the 64-bit value at the effective address in the low lane, zeros above; traps
    /// out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Zero(int a, nint c, ulong o) => B(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    /// <summary><c>v128.store</c>: stores the 16 bytes at the effective address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store(int a, V v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 16), v);

    /// <summary><c>v128.load8_lane</c>: the vector with lane <c>lane</c> replaced by the 8-bit value at the effective
    /// address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load8Lane(int a, V v, nint c, ulong o, int lane) => v.WithElement(lane, *At(a, c, o, 1));
    /// <summary><c>v128.load16_lane</c>: the vector with lane <c>lane</c> replaced by the 16-bit value at the effective
    /// address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load16Lane(int a, V v, nint c, ulong o, int lane) => B(As<ushort>(v).WithElement(lane, Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2))));
    /// <summary><c>v128.load32_lane</c>: the vector with lane <c>lane</c> replaced by the 32-bit value at the effective
    /// address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load32Lane(int a, V v, nint c, ulong o, int lane) => B(As<uint>(v).WithElement(lane, Unsafe.ReadUnaligned<uint>(At(a, c, o, 4))));
    /// <summary><c>v128.load64_lane</c>: the vector with lane <c>lane</c> replaced by the 64-bit value at the effective
    /// address; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Load64Lane(int a, V v, nint c, ulong o, int lane) => B(As<ulong>(v).WithElement(lane, Unsafe.ReadUnaligned<ulong>(At(a, c, o, 8))));
    /// <summary><c>v128.store8_lane</c>: stores 8-bit lane <c>lane</c> at the effective address; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store8Lane(int a, V v, nint c, ulong o, int lane) => *At(a, c, o, 1) = v.GetElement(lane);
    /// <summary><c>v128.store16_lane</c>: stores 16-bit lane <c>lane</c> at the effective address; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store16Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 2), As<ushort>(v).GetElement(lane));
    /// <summary><c>v128.store32_lane</c>: stores 32-bit lane <c>lane</c> at the effective address; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store32Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 4), As<uint>(v).GetElement(lane));
    /// <summary><c>v128.store64_lane</c>: stores 64-bit lane <c>lane</c> at the effective address; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store64Lane(int a, V v, nint c, ulong o, int lane) => Unsafe.WriteUnaligned(At(a, c, o, 8), As<ulong>(v).GetElement(lane));

    // ---- lanes --------------------------------------------------------------------------------------------

    /// <summary><c>i8x16.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16Splat(int x) => Vector128.Create((byte)x);
    /// <summary><c>i16x8.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8Splat(int x) => B(Vector128.Create((short)x));
    /// <summary><c>i32x4.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4Splat(int x) => B(Vector128.Create(x));
    /// <summary><c>v128.load32_zero</c> of a word loaded inline (guard pages): it in lane 0, zeros above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4Scalar(int x) => B(Vector128.CreateScalar(x));
    /// <summary><c>i64x2.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I64x2Splat(long x) => B(Vector128.Create(x));
    /// <summary><c>f32x4.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4Splat(float x) => B(Vector128.Create(x));
    /// <summary><c>f64x2.splat</c>: a vector with the scalar in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2Splat(double x) => B(Vector128.Create(x));

    /// <summary><c>i8x16.extract_lane_s</c>: lane <c>lane</c>, sign-extended to i32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneS(V v, int l) => As<sbyte>(v).GetElement(l);
    /// <summary><c>i8x16.extract_lane_u</c>: lane <c>lane</c>, zero-extended to i32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneU(V v, int l) => v.GetElement(l);
    /// <summary><c>i16x8.extract_lane_s</c>: lane <c>lane</c>, sign-extended to i32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneS(V v, int l) => As<short>(v).GetElement(l);
    /// <summary><c>i16x8.extract_lane_u</c>: lane <c>lane</c>, zero-extended to i32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneU(V v, int l) => As<ushort>(v).GetElement(l);
    /// <summary><c>i32x4.extract_lane</c>: the scalar in lane <c>lane</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4ExtractLane(V v, int l) => As<int>(v).GetElement(l);
    /// <summary><c>i64x2.extract_lane</c>: the scalar in lane <c>lane</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64x2ExtractLane(V v, int l) => As<long>(v).GetElement(l);
    /// <summary><c>f32x4.extract_lane</c>: the scalar in lane <c>lane</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32x4ExtractLane(V v, int l) => As<float>(v).GetElement(l);
    /// <summary><c>f64x2.extract_lane</c>: the scalar in lane <c>lane</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64x2ExtractLane(V v, int l) => As<double>(v).GetElement(l);
    /// <summary><c>i8x16.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16ReplaceLane(V v, int x, int l) => v.WithElement(l, (byte)x);
    /// <summary><c>i16x8.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8ReplaceLane(V v, int x, int l) => B(As<short>(v).WithElement(l, (short)x));
    /// <summary><c>i32x4.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4ReplaceLane(V v, int x, int l) => B(As<int>(v).WithElement(l, x));
    /// <summary><c>i64x2.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I64x2ReplaceLane(V v, long x, int l) => B(As<long>(v).WithElement(l, x));
    /// <summary><c>f32x4.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4ReplaceLane(V v, float x, int l) => B(As<float>(v).WithElement(l, x));
    /// <summary><c>f64x2.replace_lane</c>: the vector with lane <c>lane</c> replaced by the scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2ReplaceLane(V v, double x, int l) => B(As<double>(v).WithElement(l, x));

    // ---- bitwise ------------------------------------------------------------------------------------------

    /// <summary><c>v128.not</c>: bitwise not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Not(V a) => ~a;
    /// <summary><c>v128.and</c>: bitwise and.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128And(V a, V b) => a & b;
    /// <summary><c>v128.andnot</c>: bitwise <c>a &amp; ~b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Andnot(V a, V b) => Vector128.AndNot(a, b);
    /// <summary><c>v128.or</c>: bitwise or.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Or(V a, V b) => a | b;
    /// <summary><c>v128.xor</c>: bitwise exclusive or.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Xor(V a, V b) => a ^ b;
    /// <summary><c>v128.bitselect</c>: bits of the first operand where the mask is set, of the second
    /// elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V V128Bitselect(V a, V b, V m) => Vector128.ConditionalSelect(m, a, b);
    /// <summary><c>v128.any_true</c>: 1 if any bit is set, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int V128AnyTrue(V a) => a != V.Zero ? 1 : 0;
}
