using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

internal static unsafe class GlobalTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_new")]
    private static GlobalTypeN* New(ValTypeN* content, byte mutability) =>
        Errors.Guard(() => (nint)TypeAlloc.GlobalType(content, mutability)).ToPointer<GlobalTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_copy")]
    private static GlobalTypeN* Copy(GlobalTypeN* g) => Errors.Guard(() => (nint)TypeAlloc.CopyGlobalType(g)).ToPointer<GlobalTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_delete")]
    private static void Delete(GlobalTypeN* g) => TypeAlloc.DeleteGlobalType(g);

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_content")]
    private static ValTypeN* Content(GlobalTypeN* g) => g == null ? null : g->Content;

    [UnmanagedCallersOnly(EntryPoint = "wasm_globaltype_mutability")]
    private static byte Mutability(GlobalTypeN* g) => g == null ? (byte)0 : g->Mutability;
}
