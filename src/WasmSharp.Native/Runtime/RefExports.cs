using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// The standard's reference functions for every reference type (delete, copy, same, host info, as_ref, ref_as_*),
// and the extern conversions. Every such type is the same handle struct, checked by its kind.
internal static unsafe class RefExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_func_delete")]
    private static void FuncDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Func));

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_copy")]
    private static Obj* FuncCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Func)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_same")]
    private static bool FuncSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Func));

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_get_host_info")]
    private static void* FuncGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Func);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_set_host_info")]
    private static void FuncSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Func, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_set_host_info_with_finalizer")]
    private static void FuncSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Func, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_as_ref")]
    private static Obj* FuncAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_func")]
    private static Obj* RefAsFunc(Obj* o) => Externs.As(o, ObjKind.Func);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_as_ref_const")]
    private static Obj* FuncAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_func_const")]
    private static Obj* RefAsFuncConst(Obj* o) => Externs.As(o, ObjKind.Func);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_delete")]
    private static void GlobalDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Global));

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_copy")]
    private static Obj* GlobalCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Global)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_same")]
    private static bool GlobalSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Global));

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_get_host_info")]
    private static void* GlobalGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Global);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_set_host_info")]
    private static void GlobalSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Global, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_set_host_info_with_finalizer")]
    private static void GlobalSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Global, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_as_ref")]
    private static Obj* GlobalAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_global")]
    private static Obj* RefAsGlobal(Obj* o) => Externs.As(o, ObjKind.Global);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_as_ref_const")]
    private static Obj* GlobalAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_global_const")]
    private static Obj* RefAsGlobalConst(Obj* o) => Externs.As(o, ObjKind.Global);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_delete")]
    private static void TableDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Table));

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_copy")]
    private static Obj* TableCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Table)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_same")]
    private static bool TableSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Table));

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_get_host_info")]
    private static void* TableGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Table);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_set_host_info")]
    private static void TableSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Table, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_set_host_info_with_finalizer")]
    private static void TableSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Table, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_as_ref")]
    private static Obj* TableAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_table")]
    private static Obj* RefAsTable(Obj* o) => Externs.As(o, ObjKind.Table);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_as_ref_const")]
    private static Obj* TableAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_table_const")]
    private static Obj* RefAsTableConst(Obj* o) => Externs.As(o, ObjKind.Table);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_delete")]
    private static void MemoryDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Memory));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_copy")]
    private static Obj* MemoryCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Memory)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_same")]
    private static bool MemorySame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Memory));

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_get_host_info")]
    private static void* MemoryGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Memory);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_set_host_info")]
    private static void MemorySetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Memory, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_set_host_info_with_finalizer")]
    private static void MemorySetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Memory, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_as_ref")]
    private static Obj* MemoryAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_memory")]
    private static Obj* RefAsMemory(Obj* o) => Externs.As(o, ObjKind.Memory);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_as_ref_const")]
    private static Obj* MemoryAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_memory_const")]
    private static Obj* RefAsMemoryConst(Obj* o) => Externs.As(o, ObjKind.Memory);

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_same")]
    private static bool InstanceSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Instance));

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_get_host_info")]
    private static void* InstanceGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Instance);

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_set_host_info")]
    private static void InstanceSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Instance, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_set_host_info_with_finalizer")]
    private static void InstanceSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Instance, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_as_ref")]
    private static Obj* InstanceAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_instance")]
    private static Obj* RefAsInstance(Obj* o) => Externs.As(o, ObjKind.Instance);

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_as_ref_const")]
    private static Obj* InstanceAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_instance_const")]
    private static Obj* RefAsInstanceConst(Obj* o) => Externs.As(o, ObjKind.Instance);

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_delete")]
    private static void TrapDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Trap));

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_copy")]
    private static Obj* TrapCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Trap)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_same")]
    private static bool TrapSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Trap));

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_get_host_info")]
    private static void* TrapGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Trap);

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_set_host_info")]
    private static void TrapSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Trap, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_set_host_info_with_finalizer")]
    private static void TrapSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Trap, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_as_ref")]
    private static Obj* TrapAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_trap")]
    private static Obj* RefAsTrap(Obj* o) => Externs.As(o, ObjKind.Trap);

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_as_ref_const")]
    private static Obj* TrapAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_trap_const")]
    private static Obj* RefAsTrapConst(Obj* o) => Externs.As(o, ObjKind.Trap);

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_delete")]
    private static void ForeignDelete(Obj* o) => Errors.Guard(() => Obj.Delete(o, ObjKind.Foreign));

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_copy")]
    private static Obj* ForeignCopy(Obj* o) => Errors.Guard(() => (nint)Obj.Copy(o, ObjKind.Foreign)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_same")]
    private static bool ForeignSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Foreign));

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_get_host_info")]
    private static void* ForeignGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Foreign);

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_set_host_info")]
    private static void ForeignSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Foreign, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_set_host_info_with_finalizer")]
    private static void ForeignSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Foreign, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_as_ref")]
    private static Obj* ForeignAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_foreign")]
    private static Obj* RefAsForeign(Obj* o) => Externs.As(o, ObjKind.Foreign);

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_as_ref_const")]
    private static Obj* ForeignAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_foreign_const")]
    private static Obj* RefAsForeignConst(Obj* o) => Externs.As(o, ObjKind.Foreign);

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_same")]
    private static bool ModuleSame(Obj* a, Obj* b) => Errors.Guard(() => HostInfo.Same(a, b, ObjKind.Module));

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_get_host_info")]
    private static void* ModuleGetHostInfo(Obj* o) => HostInfo.Get(o, ObjKind.Module);

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_set_host_info")]
    private static void ModuleSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, ObjKind.Module, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_set_host_info_with_finalizer")]
    private static void ModuleSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, ObjKind.Module, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_as_ref")]
    private static Obj* ModuleAsRef(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_module")]
    private static Obj* RefAsModule(Obj* o) => Externs.As(o, ObjKind.Module);

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_as_ref_const")]
    private static Obj* ModuleAsRefConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_as_module_const")]
    private static Obj* RefAsModuleConst(Obj* o) => Externs.As(o, ObjKind.Module);

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_delete")]
    private static void RefDelete(Obj* o) => Errors.Guard(() => Refs.Delete(o));

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_copy")]
    private static Obj* RefCopy(Obj* o) => Errors.Guard(() => (nint)Refs.Copy(o)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_same")]
    private static bool RefSame(Obj* a, Obj* b) => Errors.Guard(() => Refs.Same(a, b));

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_get_host_info")]
    private static void* RefGetHostInfo(Obj* o) => HostInfo.Get(o, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_set_host_info")]
    private static void RefSetHostInfo(Obj* o, void* info) => HostInfo.Set(o, null, info, null);

    [UnmanagedCallersOnly(EntryPoint = "wasm_ref_set_host_info_with_finalizer")]
    private static void RefSetHostInfoWithFinalizer(Obj* o, void* info, delegate* unmanaged<void*, void> finalizer) => HostInfo.Set(o, null, info, finalizer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_delete")]
    private static void ExternDelete(Obj* o) => Errors.Guard(() => { Externs.Get(o); Refs.Delete(o); });

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_copy")]
    private static Obj* ExternCopy(Obj* o) => Errors.Guard(() => (nint)Externs.Copy(o)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_same")]
    private static bool ExternSame(Obj* a, Obj* b) => Errors.Guard(() => Refs.Same(a, b));

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_as_extern")]
    private static Obj* FuncAsExtern(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_func")]
    private static Obj* ExternAsFunc(Obj* o) => Externs.As(o, ObjKind.Func);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_as_extern_const")]
    private static Obj* FuncAsExternConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_func_const")]
    private static Obj* ExternAsFuncConst(Obj* o) => Externs.As(o, ObjKind.Func);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_as_extern")]
    private static Obj* GlobalAsExtern(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_global")]
    private static Obj* ExternAsGlobal(Obj* o) => Externs.As(o, ObjKind.Global);

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_as_extern_const")]
    private static Obj* GlobalAsExternConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_global_const")]
    private static Obj* ExternAsGlobalConst(Obj* o) => Externs.As(o, ObjKind.Global);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_as_extern")]
    private static Obj* TableAsExtern(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_table")]
    private static Obj* ExternAsTable(Obj* o) => Externs.As(o, ObjKind.Table);

    [UnmanagedCallersOnly(EntryPoint = "wasm_table_as_extern_const")]
    private static Obj* TableAsExternConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_table_const")]
    private static Obj* ExternAsTableConst(Obj* o) => Externs.As(o, ObjKind.Table);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_as_extern")]
    private static Obj* MemoryAsExtern(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_memory")]
    private static Obj* ExternAsMemory(Obj* o) => Externs.As(o, ObjKind.Memory);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_as_extern_const")]
    private static Obj* MemoryAsExternConst(Obj* o) => o;

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_as_memory_const")]
    private static Obj* ExternAsMemoryConst(Obj* o) => Externs.As(o, ObjKind.Memory);
}
