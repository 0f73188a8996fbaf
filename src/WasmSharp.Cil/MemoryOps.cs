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

    [MethodImpl(Inline)] public static int MemorySize(nint c) => (int)(((VMContext*)c)->MemoryLength / MemoryType.PageSize);
    public static int MemoryGrow(int delta, nint c) => Libcalls.MemoryGrow((VMContext*)c, (uint)delta);
    public static void MemoryFill(int dst, int value, int n, nint c) => Traps.Check(Libcalls.MemoryFill((VMContext*)c, (uint)dst, (uint)value, (uint)n));
    public static void MemoryCopy(int dst, int src, int n, nint c) => Traps.Check(Libcalls.MemoryCopy((VMContext*)c, (uint)dst, (uint)src, (uint)n));
    public static void MemoryInit(int dst, int src, int n, int segment, nint c) =>
        Traps.Check(Libcalls.MemoryInit((VMContext*)c, (uint)segment, (uint)dst, (uint)src, (uint)n));
    public static void DataDrop(int segment, nint c) => Libcalls.DataDrop((VMContext*)c, (uint)segment);
}
