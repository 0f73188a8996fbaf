using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

internal static unsafe class TableTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_new")]
    private static TableTypeN* New(ValTypeN* element, LimitsN* limits) =>
        Errors.Guard(() => (nint)TypeAlloc.TableType(element, limits)).ToPointer<TableTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_copy")]
    private static TableTypeN* Copy(TableTypeN* t) => Errors.Guard(() => (nint)TypeAlloc.CopyTableType(t)).ToPointer<TableTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_delete")]
    private static void Delete(TableTypeN* t) => TypeAlloc.DeleteTableType(t);

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_element")]
    private static ValTypeN* Element(TableTypeN* t) => t == null ? null : t->Element;

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_limits")]
    private static LimitsN* Limits(TableTypeN* t) => t == null ? null : &t->Limits;
}
