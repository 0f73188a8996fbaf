using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

internal static unsafe class TableExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_table_new")]
    private static Obj* New(Obj* store, TableTypeN* type, Obj* init) => Errors.Guard(() =>
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        var t = TypeConvert.ToManaged(type);
        return (nint)Obj.New(ObjKind.Table, box.Store.CreateTable(t, RefValue(init, t.ElemType)));
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_type")]
    private static TableTypeN* Type(Obj* t) =>
        Errors.Guard(() => (nint)TypeConvert.ToNative(Obj.Get<Table>(t, ObjKind.Table).Type)).ToPointer<TableTypeN>();

    /// <summary>A new reference, or NULL for a null element or an index out of bounds.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_table_get")]
    private static Obj* Get(Obj* t, uint index) =>
        Errors.Guard(() => (nint)Refs.New(Obj.Get<Table>(t, ObjKind.Table).Get(index).Ref)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_set")]
    private static bool Set(Obj* t, uint index, Obj* value) => Errors.Guard(() =>
    {
        var table = Obj.Get<Table>(t, ObjKind.Table);
        table.Set(index, RefValue(value, table.ElemType));
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_size")]
    private static uint Size(Obj* t) => Errors.Guard(() => Obj.Get<Table>(t, ObjKind.Table).Size);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_grow")]
    private static bool Grow(Obj* t, uint delta, Obj* init) => Errors.Guard(() =>
    {
        var table = Obj.Get<Table>(t, ObjKind.Table);
        return table.Grow(delta, RefValue(init, table.ElemType)) >= 0;
    });

    /// <summary>A wasm_ref_t* as a value of the table's element type (a funcref table takes functions only).</summary>
    private static Value RefValue(Obj* r, ValType type) =>
        type == ValType.FuncRef
            ? Value.FuncRef(r == null ? null : Obj.Get<Function>(r, ObjKind.Func))
            : Value.ExternRef(r == null ? null : Obj.Target(r));
}
