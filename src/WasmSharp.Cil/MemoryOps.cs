using System.ComponentModel;
using System.Runtime.CompilerServices;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// Memory operators that are not plain loads and stores (those are emitted inline), named after their
/// <see cref="Binary.Opcode"/>. Operands come in Wasm stack order, then immediates, then the context.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static unsafe class MemoryOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary><c>memory.size</c>: memory 0's size in 64 KiB pages.</summary>
    [MethodImpl(Inline)] public static int MemorySize(nint c) => (int)(((VMContext*)c)->MemoryLength / MemoryType.PageSize);
    /// <summary><c>memory.grow</c>: adds <paramref name="delta"/> pages; the old size in pages, or -1 when the memory
    /// cannot grow.</summary>
    public static int MemoryGrow(int delta, nint c) => Libcalls.MemoryGrow((VMContext*)c, (uint)delta);
    /// <summary><c>memory.fill</c>: <paramref name="n"/> bytes from <paramref name="dst"/> set to <paramref
    /// name="value"/>; traps out of bounds.</summary>
    public static void MemoryFill(int dst, int value, int n, nint c) => Traps.Check(Libcalls.MemoryFill((VMContext*)c, (uint)dst, (uint)value, (uint)n));
    /// <summary><c>memory.copy</c>: <paramref name="n"/> bytes from <paramref name="src"/> to <paramref name="dst"/>
    /// (overlap allowed); traps out of bounds.</summary>
    public static void MemoryCopy(int dst, int src, int n, nint c) => Traps.Check(Libcalls.MemoryCopy((VMContext*)c, (uint)dst, (uint)src, (uint)n));
    /// <summary><c>memory.init</c>: <paramref name="n"/> bytes of data segment <paramref name="segment"/> from
    /// <paramref name="src"/> to <paramref name="dst"/>; traps out of bounds.</summary>
    public static void MemoryInit(int dst, int src, int n, int segment, nint c) =>
        Traps.Check(Libcalls.MemoryInit((VMContext*)c, (uint)segment, (uint)dst, (uint)src, (uint)n));
    /// <summary><c>data.drop</c>: data segment <paramref name="segment"/> becomes empty.</summary>
    public static void DataDrop(int segment, nint c) => Libcalls.DataDrop((VMContext*)c, (uint)segment);
}
