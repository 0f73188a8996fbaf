using System.Runtime.InteropServices;
using WasmSharp.Native.Runtime;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Interop;

// The standard's five functions for every vec type: new_empty, new_uninitialized, new, copy, delete.
// Vecs of pointers own their elements: copy copies each element, delete deletes each.
internal static unsafe class VecExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_byte_vec_new_empty")]
    private static void ByteEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_byte_vec_new_uninitialized")]
    private static void ByteUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, 1));

    [UnmanagedCallersOnly(EntryPoint = "wasm_byte_vec_new")]
    private static void ByteNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, 1));

    [UnmanagedCallersOnly(EntryPoint = "wasm_byte_vec_copy")]
    private static void ByteCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.Copy(dst, src, 1));

    [UnmanagedCallersOnly(EntryPoint = "wasm_byte_vec_delete")]
    private static void ByteDelete(Vec* v) => Errors.Guard(() => Vecs.Delete(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_vec_new_empty")]
    private static void ValEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_vec_new_uninitialized")]
    private static void ValUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(WasmVal)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_vec_new")]
    private static void ValNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(WasmVal)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_vec_copy")]
    private static void ValCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vals.CopyVec(dst, src));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_vec_delete")]
    private static void ValDelete(Vec* v) => Errors.Guard(() => Vals.DeleteVec(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_vec_new_empty")]
    private static void ValtypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_vec_new_uninitialized")]
    private static void ValtypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_vec_new")]
    private static void ValtypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_vec_copy")]
    private static void ValtypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyValType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_vec_delete")]
    private static void ValtypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteValType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_vec_new_empty")]
    private static void FunctypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_vec_new_uninitialized")]
    private static void FunctypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_vec_new")]
    private static void FunctypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_vec_copy")]
    private static void FunctypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyFuncType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_vec_delete")]
    private static void FunctypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteFuncType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_vec_new_empty")]
    private static void GlobaltypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_vec_new_uninitialized")]
    private static void GlobaltypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_vec_new")]
    private static void GlobaltypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_vec_copy")]
    private static void GlobaltypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyGlobalType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_vec_delete")]
    private static void GlobaltypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteGlobalType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_vec_new_empty")]
    private static void TabletypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_vec_new_uninitialized")]
    private static void TabletypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_vec_new")]
    private static void TabletypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_vec_copy")]
    private static void TabletypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyTableType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_tabletype_vec_delete")]
    private static void TabletypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteTableType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_vec_new_empty")]
    private static void MemorytypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_vec_new_uninitialized")]
    private static void MemorytypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_vec_new")]
    private static void MemorytypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_vec_copy")]
    private static void MemorytypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyMemoryType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_vec_delete")]
    private static void MemorytypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteMemoryType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_vec_new_empty")]
    private static void ExterntypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_vec_new_uninitialized")]
    private static void ExterntypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_vec_new")]
    private static void ExterntypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_vec_copy")]
    private static void ExterntypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyExternType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_externtype_vec_delete")]
    private static void ExterntypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteExternType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_vec_new_empty")]
    private static void ImporttypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_vec_new_uninitialized")]
    private static void ImporttypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_vec_new")]
    private static void ImporttypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_vec_copy")]
    private static void ImporttypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyImportType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_vec_delete")]
    private static void ImporttypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteImportType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_vec_new_empty")]
    private static void ExporttypeEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_vec_new_uninitialized")]
    private static void ExporttypeUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_vec_new")]
    private static void ExporttypeNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_vec_copy")]
    private static void ExporttypeCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &TypeAlloc.CopyExportType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_vec_delete")]
    private static void ExporttypeDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &TypeAlloc.DeleteExportType));

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_vec_new_empty")]
    private static void FrameEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_vec_new_uninitialized")]
    private static void FrameUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_vec_new")]
    private static void FrameNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_vec_copy")]
    private static void FrameCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &Frames.Copy));

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_vec_delete")]
    private static void FrameDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &Frames.Delete));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_vec_new_empty")]
    private static void ExternEmpty(Vec* v) => Errors.Guard(() => Vecs.NewEmpty(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_vec_new_uninitialized")]
    private static void ExternUninitialized(Vec* v, nuint n) => Errors.Guard(() => Vecs.NewUninitialized(v, n, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_vec_new")]
    private static void ExternNew(Vec* v, nuint n, void* data) => Errors.Guard(() => Vecs.New(v, n, data, sizeof(nint)));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_vec_copy")]
    private static void ExternCopy(Vec* dst, Vec* src) => Errors.Guard(() => Vecs.CopyPointers(dst, src, &Externs.Copy));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_vec_delete")]
    private static void ExternDelete(Vec* v) => Errors.Guard(() => Vecs.DeletePointers(v, &Externs.Delete));
}
