using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

// wasm_extern_t's own functions, and wasm_foreign_t (a C-made object that travels as an externref).
internal static unsafe class ExternExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_kind")]
    private static byte Kind(Obj* e) => Errors.Guard(() => (byte)TypeConvert.Kind(Externs.Get(e).Kind));

    [UnmanagedCallersOnly(EntryPoint = "wasm_extern_type")]
    private static ExternTypeN* Type(Obj* e) => Errors.Guard(() => (nint)TypeConvert.ToNative(Externs.Get(e))).ToPointer<ExternTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_foreign_new")]
    private static Obj* ForeignNew(Obj* store) => Errors.Guard(() =>
    {
        Obj.Check(store, ObjKind.Store);
        return (nint)Obj.New(ObjKind.Foreign, new Foreign());
    }).ToPointer<Obj>();
}
