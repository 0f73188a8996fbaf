using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// wasm_config_t, wasm_engine_t, wasm_store_t.
internal static unsafe class EngineStoreExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_config_new")]
    private static Obj* ConfigNew() => Obj.New(ObjKind.Config, new ConfigBox());

    [UnmanagedCallersOnly(EntryPoint = "wasm_config_delete")]
    private static void ConfigDelete(Obj* c) => Errors.Guard(() => Obj.Delete(c, ObjKind.Config));

    [UnmanagedCallersOnly(EntryPoint = "wasm_engine_new")]
    private static Obj* EngineNew() => Errors.Guard(() => (nint)Obj.New(ObjKind.Engine, new ConfigBox().NewEngine())).ToPointer<Obj>();

    /// <summary>Takes ownership of the config (deletes it), as the standard says.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_engine_new_with_config")]
    private static Obj* EngineNewWithConfig(Obj* config) => Errors.Guard(() =>
    {
        var engine = Obj.Get<ConfigBox>(config, ObjKind.Config).NewEngine();
        Obj.Delete(config, ObjKind.Config);
        return (nint)Obj.New(ObjKind.Engine, engine);
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_engine_delete")]
    private static void EngineDelete(Obj* e) => Errors.Guard(() => Obj.Delete(e, ObjKind.Engine));

    [UnmanagedCallersOnly(EntryPoint = "wasm_store_new")]
    private static Obj* StoreNew(Obj* engine) =>
        Errors.Guard(() => (nint)Obj.New(ObjKind.Store, new StoreBox(Obj.Get<Engine>(engine, ObjKind.Engine)))).ToPointer<Obj>();

    /// <summary>Disposes the store: its memories, tables and instances go with it, and host environments are finalized.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_store_delete")]
    private static void StoreDelete(Obj* s) => Errors.Guard(() =>
    {
        Obj.Get<StoreBox>(s, ObjKind.Store).Dispose();
        Obj.Delete(s, ObjKind.Store);
    });
}
