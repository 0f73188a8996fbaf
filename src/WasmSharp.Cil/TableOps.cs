using System.ComponentModel;
using System.Runtime.CompilerServices;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>Table operators and the call_indirect check. Operands in Wasm stack order, then immediates, then the context.</summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static unsafe class TableOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TableDef* Table(nint vmctx, int table) => ((VMContext*)vmctx)->Tables[table];

    /// <summary>The function reference call_indirect calls, after the spec's checks in the spec's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint IndirectTarget(int index, int table, int typeId, nint vmctx)
    {
        var t = Table(vmctx, table);
        if ((uint)index >= t->Count) Traps.Throw(TrapKind.UndefinedElement);
        var f = (VMFuncRef*)t->Elements[(uint)index];
        if (f == null) Traps.Throw(TrapKind.UninitializedElement);
        if (f->TypeId != typeId) Traps.Throw(TrapKind.IndirectCallTypeMismatch);
        return (nint)f;
    }

    /// <summary><c>table.get</c>: element <paramref name="index"/> of <paramref name="table"/>; traps out of
    /// bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint TableGet(int index, int table, nint vmctx)
    {
        var t = Table(vmctx, table);
        if ((uint)index >= t->Count) Traps.Throw(TrapKind.OutOfBoundsTableAccess);
        return t->Elements[(uint)index];
    }

    /// <summary><c>table.set</c>: element <paramref name="index"/> of <paramref name="table"/> becomes <paramref
    /// name="value"/>; traps out of bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TableSet(int index, nint value, int table, nint vmctx)
    {
        var t = Table(vmctx, table);
        if ((uint)index >= t->Count) Traps.Throw(TrapKind.OutOfBoundsTableAccess);
        t->Elements[(uint)index] = value;
    }

    /// <summary><c>table.size</c>: the current element count of <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TableSize(int table, nint vmctx) => (int)Table(vmctx, table)->Count;

    /// <summary><c>table.grow</c>: adds <paramref name="delta"/> elements set to <paramref name="init"/>; the old size,
    /// or -1 when the table cannot grow.</summary>
    public static int TableGrow(nint init, int delta, int table, nint vmctx) =>
        Libcalls.TableGrow((VMContext*)vmctx, (uint)table, init, (uint)delta);

    /// <summary><c>table.fill</c>: <paramref name="n"/> elements from <paramref name="dst"/> set to <paramref
    /// name="value"/>; traps out of bounds.</summary>
    public static void TableFill(int dst, nint value, int n, int table, nint vmctx) =>
        Traps.Check(Libcalls.TableFill((VMContext*)vmctx, (uint)table, (uint)dst, value, (uint)n));

    /// <summary><c>table.copy</c>: <paramref name="n"/> elements from <paramref name="srcTable"/> at <paramref
    /// name="src"/> to <paramref name="dstTable"/> at <paramref name="dst"/> (overlap allowed); traps out of
    /// bounds.</summary>
    public static void TableCopy(int dst, int src, int n, int dstTable, int srcTable, nint vmctx) =>
        Traps.Check(Libcalls.TableCopy((VMContext*)vmctx, (uint)dstTable, (uint)srcTable, (uint)dst, (uint)src, (uint)n));

    /// <summary><c>table.init</c>: <paramref name="n"/> elements of element segment <paramref name="segment"/> from
    /// <paramref name="src"/> to <paramref name="dst"/>; traps out of bounds.</summary>
    public static void TableInit(int dst, int src, int n, int segment, int table, nint vmctx) =>
        Traps.Check(Libcalls.TableInit((VMContext*)vmctx, (uint)table, (uint)segment, (uint)dst, (uint)src, (uint)n));

    /// <summary><c>elem.drop</c>: element segment <paramref name="segment"/> becomes empty.</summary>
    public static void ElemDrop(int segment, nint vmctx) => Libcalls.ElemDrop((VMContext*)vmctx, (uint)segment);

}
