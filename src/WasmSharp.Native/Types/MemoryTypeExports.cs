using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

internal static unsafe class MemoryTypeExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_new")]
    private static MemoryTypeN* New(LimitsN* limits) => Errors.Guard(() => (nint)TypeAlloc.MemoryType(limits)).ToPointer<MemoryTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_copy")]
    private static MemoryTypeN* Copy(MemoryTypeN* m) => Errors.Guard(() => (nint)TypeAlloc.CopyMemoryType(m)).ToPointer<MemoryTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_delete")]
    private static void Delete(MemoryTypeN* m) => TypeAlloc.DeleteMemoryType(m);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memorytype_limits")]
    private static LimitsN* Limits(MemoryTypeN* m) => m == null ? null : &m->Limits;
}
