using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

internal static unsafe class FuncTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_new")]
    private static FuncTypeN* New(Vec* parameters, Vec* results) =>
        Errors.Guard(() => (nint)TypeAlloc.FuncType(parameters, results)).ToPointer<FuncTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_copy")]
    private static FuncTypeN* Copy(FuncTypeN* f) => Errors.Guard(() => (nint)TypeAlloc.CopyFuncType(f)).ToPointer<FuncTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_delete")]
    private static void Delete(FuncTypeN* f) => TypeAlloc.DeleteFuncType(f);

    /// <summary>Borrowed: the vec lives inside the functype.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_params")]
    private static Vec* Params(FuncTypeN* f) => f == null ? null : &f->Params;

    [UnmanagedCallersOnly(EntryPoint = "wasm_functype_results")]
    private static Vec* Results(FuncTypeN* f) => f == null ? null : &f->Results;
}
