using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

// wasm_importtype_t and wasm_exporttype_t: names and an extern type; the getters return borrowed pointers.
internal static unsafe class ImportExportTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_new")]
    private static ImportTypeN* NewImport(Vec* module, Vec* name, ExternTypeN* type) =>
        Errors.Guard(() => (nint)TypeAlloc.ImportType(module, name, type)).ToPointer<ImportTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_copy")]
    private static ImportTypeN* CopyImport(ImportTypeN* i) => Errors.Guard(() => (nint)TypeAlloc.CopyImportType(i)).ToPointer<ImportTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_delete")]
    private static void DeleteImport(ImportTypeN* i) => TypeAlloc.DeleteImportType(i);

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_module")]
    private static Vec* ImportModule(ImportTypeN* i) => i == null ? null : &i->Module;

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_name")]
    private static Vec* ImportName(ImportTypeN* i) => i == null ? null : &i->Name;

    [UnmanagedCallersOnly(EntryPoint = "wasm_importtype_type")]
    private static ExternTypeN* ImportType(ImportTypeN* i) => i == null ? null : i->Type;

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_new")]
    private static ExportTypeN* NewExport(Vec* name, ExternTypeN* type) =>
        Errors.Guard(() => (nint)TypeAlloc.ExportType(name, type)).ToPointer<ExportTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_copy")]
    private static ExportTypeN* CopyExport(ExportTypeN* e) => Errors.Guard(() => (nint)TypeAlloc.CopyExportType(e)).ToPointer<ExportTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_delete")]
    private static void DeleteExport(ExportTypeN* e) => TypeAlloc.DeleteExportType(e);

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_name")]
    private static Vec* ExportName(ExportTypeN* e) => e == null ? null : &e->Name;

    [UnmanagedCallersOnly(EntryPoint = "wasm_exporttype_type")]
    private static ExternTypeN* ExportType(ExportTypeN* e) => e == null ? null : e->Type;
}
