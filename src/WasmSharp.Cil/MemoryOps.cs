using System.Runtime.CompilerServices;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Linear memory operators, named after their <see cref="Binary.Opcode"/>. Operands come in Wasm stack order, then
/// the context, then the static offset, so that the emitter pushes nothing under the operands. Each access makes
/// one unsigned bounds check of the whole access against the current length, then uses the raw base pointer.
/// </summary>
public static unsafe class MemoryOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)]
    private static byte* At(int addr, nint vmctx, ulong offset, uint size)
    {
        var c = (VMContext*)vmctx;
        ulong ea = (uint)addr + offset;
        if (ea + size > c->MemoryLength) Traps.Throw(TrapKind.OutOfBoundsMemoryAccess);
        return c->MemoryBase + ea;
    }

    [MethodImpl(Inline)] public static int I32Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<int>(At(a, c, o, 4));
    [MethodImpl(Inline)] public static long I64Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<long>(At(a, c, o, 8));
    [MethodImpl(Inline)] public static float F32Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<float>(At(a, c, o, 4));
    [MethodImpl(Inline)] public static double F64Load(int a, nint c, ulong o) => Unsafe.ReadUnaligned<double>(At(a, c, o, 8));
    [MethodImpl(Inline)] public static int I32Load8S(int a, nint c, ulong o) => *(sbyte*)At(a, c, o, 1);
    [MethodImpl(Inline)] public static int I32Load8U(int a, nint c, ulong o) => *At(a, c, o, 1);
    [MethodImpl(Inline)] public static int I32Load16S(int a, nint c, ulong o) => Unsafe.ReadUnaligned<short>(At(a, c, o, 2));
    [MethodImpl(Inline)] public static int I32Load16U(int a, nint c, ulong o) => Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2));
    [MethodImpl(Inline)] public static long I64Load8S(int a, nint c, ulong o) => *(sbyte*)At(a, c, o, 1);
    [MethodImpl(Inline)] public static long I64Load8U(int a, nint c, ulong o) => *At(a, c, o, 1);
    [MethodImpl(Inline)] public static long I64Load16S(int a, nint c, ulong o) => Unsafe.ReadUnaligned<short>(At(a, c, o, 2));
    [MethodImpl(Inline)] public static long I64Load16U(int a, nint c, ulong o) => Unsafe.ReadUnaligned<ushort>(At(a, c, o, 2));
    [MethodImpl(Inline)] public static long I64Load32S(int a, nint c, ulong o) => Unsafe.ReadUnaligned<int>(At(a, c, o, 4));
    [MethodImpl(Inline)] public static long I64Load32U(int a, nint c, ulong o) => Unsafe.ReadUnaligned<uint>(At(a, c, o, 4));

    [MethodImpl(Inline)] public static void I32Store(int a, int v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 4), v);
    [MethodImpl(Inline)] public static void I64Store(int a, long v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 8), v);
    [MethodImpl(Inline)] public static void F32Store(int a, float v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 4), v);
    [MethodImpl(Inline)] public static void F64Store(int a, double v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 8), v);
    [MethodImpl(Inline)] public static void I32Store8(int a, int v, nint c, ulong o) => *At(a, c, o, 1) = (byte)v;
    [MethodImpl(Inline)] public static void I32Store16(int a, int v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 2), (short)v);
    [MethodImpl(Inline)] public static void I64Store8(int a, long v, nint c, ulong o) => *At(a, c, o, 1) = (byte)v;
    [MethodImpl(Inline)] public static void I64Store16(int a, long v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 2), (short)v);
    [MethodImpl(Inline)] public static void I64Store32(int a, long v, nint c, ulong o) => Unsafe.WriteUnaligned(At(a, c, o, 4), (int)v);

    [MethodImpl(Inline)] public static int MemorySize(nint c) => (int)(((VMContext*)c)->MemoryLength / MemoryType.PageSize);
    public static int MemoryGrow(int delta, nint c) => Libcalls.MemoryGrow((VMContext*)c, (uint)delta);
    public static void MemoryFill(int dst, int value, int n, nint c) => Traps.Check(Libcalls.MemoryFill((VMContext*)c, (uint)dst, (uint)value, (uint)n));
    public static void MemoryCopy(int dst, int src, int n, nint c) => Traps.Check(Libcalls.MemoryCopy((VMContext*)c, (uint)dst, (uint)src, (uint)n));
    public static void MemoryInit(int dst, int src, int n, int segment, nint c) =>
        Traps.Check(Libcalls.MemoryInit((VMContext*)c, (uint)segment, (uint)dst, (uint)src, (uint)n));
    public static void DataDrop(int segment, nint c) => Libcalls.DataDrop((VMContext*)c, (uint)segment);
}
