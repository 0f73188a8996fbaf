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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint TableGet(int index, int table, nint vmctx)
    {
        var t = Table(vmctx, table);
        if ((uint)index >= t->Count) Traps.Throw(TrapKind.OutOfBoundsTableAccess);
        return t->Elements[(uint)index];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TableSet(int index, nint value, int table, nint vmctx)
    {
        var t = Table(vmctx, table);
        if ((uint)index >= t->Count) Traps.Throw(TrapKind.OutOfBoundsTableAccess);
        t->Elements[(uint)index] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TableSize(int table, nint vmctx) => (int)Table(vmctx, table)->Count;

    public static int TableGrow(nint init, int delta, int table, nint vmctx) =>
        Libcalls.TableGrow((VMContext*)vmctx, (uint)table, init, (uint)delta);

    public static void TableFill(int dst, nint value, int n, int table, nint vmctx) =>
        Traps.Check(Libcalls.TableFill((VMContext*)vmctx, (uint)table, (uint)dst, value, (uint)n));

    public static void TableCopy(int dst, int src, int n, int dstTable, int srcTable, nint vmctx) =>
        Traps.Check(Libcalls.TableCopy((VMContext*)vmctx, (uint)dstTable, (uint)srcTable, (uint)dst, (uint)src, (uint)n));

    public static void TableInit(int dst, int src, int n, int segment, int table, nint vmctx) =>
        Traps.Check(Libcalls.TableInit((VMContext*)vmctx, (uint)table, (uint)segment, (uint)dst, (uint)src, (uint)n));

    public static void ElemDrop(int segment, nint vmctx) => Libcalls.ElemDrop((VMContext*)vmctx, (uint)segment);

}
