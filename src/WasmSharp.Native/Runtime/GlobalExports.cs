using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

internal static unsafe class GlobalExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_global_new")]
    private static Obj* New(Obj* store, GlobalTypeN* type, WasmVal* value) => Errors.Guard(() =>
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        var t = TypeConvert.ToManaged(type);
        return (nint)Obj.New(ObjKind.Global, box.Store.CreateGlobal(t, Vals.ToValue(value, t.ValType)));
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_type")]
    private static GlobalTypeN* Type(Obj* g) =>
        Errors.Guard(() => (nint)TypeConvert.ToNative(Obj.Get<Global>(g, ObjKind.Global).Type)).ToPointer<GlobalTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_global_get")]
    private static void Get(Obj* g, WasmVal* result) => Errors.Guard(() =>
    {
        var value = Obj.Get<Global>(g, ObjKind.Global).Value;
        if (result == null) throw new ArgumentNullException(nameof(result), "result is NULL");
        Vals.FromValue(value, result);
    });

    /// <summary>Setting an immutable global, or a value of the wrong type, changes nothing and records an error.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_global_set")]
    private static void Set(Obj* g, WasmVal* value) => Errors.Guard(() =>
    {
        var global = Obj.Get<Global>(g, ObjKind.Global);
        global.Value = Vals.ToValue(value, global.Type.ValType);
    });
}
