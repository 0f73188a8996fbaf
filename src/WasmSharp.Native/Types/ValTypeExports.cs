using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

internal static unsafe class ValTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_new")]
    private static ValTypeN* New(byte kind) => Errors.Guard(() => (nint)TypeAlloc.ValType((ValKind)kind)).ToPointer<ValTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_copy")]
    private static ValTypeN* Copy(ValTypeN* v) => Errors.Guard(() => (nint)TypeAlloc.CopyValType(v)).ToPointer<ValTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_delete")]
    private static void Delete(ValTypeN* v) => TypeAlloc.DeleteValType(v);

    /// <summary>NULL has no kind: WASM_I32 (0) comes back and the error is recorded.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_valtype_kind")]
    private static byte Kind(ValTypeN* v) => Errors.Guard(() => (byte)TypeAlloc.NotNull(v)->Kind);
}
