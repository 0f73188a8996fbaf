using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// wasm_val_t's own functions, and the extern's reference functions (an extern is a reference of one of four kinds).
internal static unsafe class ValExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_val_delete")]
    private static void Delete(WasmVal* v) => Errors.Guard(() => Vals.Delete(v));

    [UnmanagedCallersOnly(EntryPoint = "wasm_val_copy")]
    private static void Copy(WasmVal* dst, WasmVal* src) => Errors.Guard(() =>
    {
        if (dst == null) throw new ArgumentNullException(nameof(dst), "destination is NULL");
        Vals.Copy(dst, src);
    });

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_ref")]
    private static Obj* ExternAsRef(Obj* e) => e;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_ref_const")]
    private static Obj* ExternAsRefConst(Obj* e) => e;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_extern")]
    private static Obj* RefAsExtern(Obj* r) => IsExtern(r) ? r : null;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_extern_const")]
    private static Obj* RefAsExternConst(Obj* r) => IsExtern(r) ? r : null;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_get_host_info")]
    private static void* ExternGetHostInfo(Obj* e) => IsExtern(e) ? e->HostInfo : null;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_set_host_info")]
    private static void ExternSetHostInfo(Obj* e, void* info)
    {
        if (IsExtern(e)) HostInfo.Set(e, e->Kind, info, null);
    }

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_set_host_info_with_finalizer")]
    private static void ExternSetHostInfoWithFinalizer(Obj* e, void* info, delegate* unmanaged<void*, void> finalizer)
    {
        if (IsExtern(e)) HostInfo.Set(e, e->Kind, info, finalizer);
    }

    private static bool IsExtern(Obj* o) => o != null && o->Kind is ObjKind.Func or ObjKind.Global or ObjKind.Table or ObjKind.Memory;
}
