using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

// wasm_externtype_t and the conversions to and from the four kinds: the same struct, checked by its kind.
internal static unsafe class ExternTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_copy")]
    private static ExternTypeN* Copy(ExternTypeN* e) => Errors.Guard(() => (nint)TypeAlloc.CopyExternType(e)).ToPointer<ExternTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_delete")]
    private static void Delete(ExternTypeN* e) => TypeAlloc.DeleteExternType(e);

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_kind")]
    private static byte Kind(ExternTypeN* e) => e == null ? (byte)0 : (byte)e->Kind;

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_as_externtype")]
    private static ExternTypeN* FromFunc(FuncTypeN* f) => (ExternTypeN*)f;
    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_as_externtype")]
    private static ExternTypeN* FromGlobal(GlobalTypeN* g) => (ExternTypeN*)g;
    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_as_externtype")]
    private static ExternTypeN* FromTable(TableTypeN* t) => (ExternTypeN*)t;
    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_as_externtype")]
    private static ExternTypeN* FromMemory(MemoryTypeN* m) => (ExternTypeN*)m;
    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_as_externtype_const")]
    private static ExternTypeN* FromFuncConst(FuncTypeN* f) => (ExternTypeN*)f;
    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_as_externtype_const")]
    private static ExternTypeN* FromGlobalConst(GlobalTypeN* g) => (ExternTypeN*)g;
    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_as_externtype_const")]
    private static ExternTypeN* FromTableConst(TableTypeN* t) => (ExternTypeN*)t;
    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_as_externtype_const")]
    private static ExternTypeN* FromMemoryConst(MemoryTypeN* m) => (ExternTypeN*)m;

    /// <summary>NULL when the extern type is of another kind.</summary>
    private static ExternTypeN* As(ExternTypeN* e, CExternKind kind) => e != null && e->Kind == kind ? e : null;

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_functype")]
    private static FuncTypeN* ToFunc(ExternTypeN* e) => (FuncTypeN*)As(e, CExternKind.Func);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_globaltype")]
    private static GlobalTypeN* ToGlobal(ExternTypeN* e) => (GlobalTypeN*)As(e, CExternKind.Global);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_tabletype")]
    private static TableTypeN* ToTable(ExternTypeN* e) => (TableTypeN*)As(e, CExternKind.Table);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_memorytype")]
    private static MemoryTypeN* ToMemory(ExternTypeN* e) => (MemoryTypeN*)As(e, CExternKind.Memory);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_functype_const")]
    private static FuncTypeN* ToFuncConst(ExternTypeN* e) => (FuncTypeN*)As(e, CExternKind.Func);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_globaltype_const")]
    private static GlobalTypeN* ToGlobalConst(ExternTypeN* e) => (GlobalTypeN*)As(e, CExternKind.Global);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_tabletype_const")]
    private static TableTypeN* ToTableConst(ExternTypeN* e) => (TableTypeN*)As(e, CExternKind.Table);
    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_as_memorytype_const")]
    private static MemoryTypeN* ToMemoryConst(ExternTypeN* e) => (MemoryTypeN*)As(e, CExternKind.Memory);
}
