using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

// wasm_module_t: compile, validate, serialize to a precompiled artifact and load one, reflect imports and exports.
internal static unsafe class ModuleExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_module_new")]
    private static Obj* New(Obj* store, Vec* binary) => Errors.Guard(() =>
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        var module = Module.FromBytes(box.Store.Engine, Vecs.Span<byte>(binary).ToArray());
        return (nint)Obj.New(ObjKind.Module, module);
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_validate")]
    private static bool Validate(Obj* store, Vec* binary) => Errors.Guard(() =>
    {
        Obj.Check(store, ObjKind.Store);
        ModuleInfo.Load(Vecs.Span<byte>(binary).ToArray());
        return true;
    });

    /// <summary>The module as a precompiled artifact (Singlepass code). On failure (a CIL engine cannot serialize)
    /// the vec is empty and wasmsharp_last_error says why.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_module_serialize")]
    private static void Serialize(Obj* m, Vec* result)
    {
        if (result == null) { Errors.Set("result vec pointer is NULL"); return; }
        Vecs.NewEmpty(result);
        Errors.Guard(() =>
        {
            byte[] bytes = Obj.Get<Module>(m, ObjKind.Module).Serialize();
            fixed (byte* p = bytes) Vecs.New(result, (nuint)bytes.Length, p, 1);
        });
    }

    /// <summary>Loads an artifact made by wasm_module_serialize with the same WasmSharp build and engine settings.
    /// Trusted input: an artifact is native code (the checksum catches damage, not tampering).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_module_deserialize")]
    private static Obj* Deserialize(Obj* store, Vec* artifact) => Errors.Guard(() =>
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        var module = Module.DeserializeTrusted(box.Store.Engine, Vecs.Span<byte>(artifact).ToArray());
        return (nint)Obj.New(ObjKind.Module, module);
    }).ToPointer<Obj>();

    /// <summary>Frees the handle only: instances keep their module (and its code) alive.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_module_delete")]
    private static void Delete(Obj* m) => Errors.Guard(() => Obj.Delete(m, ObjKind.Module));

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_copy")]
    private static Obj* Copy(Obj* m) => Errors.Guard(() => (nint)Obj.Copy(m, ObjKind.Module)).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_imports")]
    private static void Imports(Obj* m, Vec* result) => Errors.Guard(() =>
    {
        var info = Obj.Get<Module>(m, ObjKind.Module).Info;
        Vecs.NewUninitialized(result, (nuint)info.Imports.Count, sizeof(nint));
        for (int i = 0; i < info.Imports.Count; i++)
        {
            var import = info.Imports[i];
            Vec module, name;
            Names.ToVec(import.Module, &module);
            Names.ToVec(import.Name, &name);
            ((ImportTypeN**)result->Data)[i] = TypeAlloc.ImportType(&module, &name, TypeConvert.ImportType(info, import));
        }
    });

    [UnmanagedCallersOnly(EntryPoint = "wasm_module_exports")]
    private static void Exports(Obj* m, Vec* result) => Errors.Guard(() =>
    {
        var info = Obj.Get<Module>(m, ObjKind.Module).Info;
        Vecs.NewUninitialized(result, (nuint)info.Exports.Count, sizeof(nint));
        for (int i = 0; i < info.Exports.Count; i++)
        {
            var export = info.Exports[i];
            Vec name;
            Names.ToVec(export.Name, &name);
            ((ExportTypeN**)result->Data)[i] = TypeAlloc.ExportType(&name, TypeConvert.ToNative(info, export.Kind, export.Index));
        }
    });
}
