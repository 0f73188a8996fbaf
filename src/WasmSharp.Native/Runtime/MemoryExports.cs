using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

internal static unsafe class MemoryExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_new")]
    private static Obj* New(Obj* store, MemoryTypeN* type) => Errors.Guard(() =>
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        return (nint)Obj.New(ObjKind.Memory, box.Store.CreateMemory(TypeConvert.ToManaged(type)));
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_type")]
    private static MemoryTypeN* Type(Obj* m) =>
        Errors.Guard(() => (nint)TypeConvert.ToNative(Obj.Get<Memory>(m, ObjKind.Memory).Type)).ToPointer<MemoryTypeN>();

    /// <summary>The base address; it never moves (growth only makes more of the reservation accessible).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_data")]
    private static byte* Data(Obj* m) => (byte*)Errors.Guard(() => Obj.Get<Memory>(m, ObjKind.Memory).BasePointer);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_data_size")]
    private static nuint DataSize(Obj* m) => Errors.Guard(() => (nuint)Obj.Get<Memory>(m, ObjKind.Memory).Length);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_size")]
    private static uint Size(Obj* m) => Errors.Guard(() => Obj.Get<Memory>(m, ObjKind.Memory).Pages);

    [UnmanagedCallersOnly(EntryPoint = "wasm_memory_grow")]
    private static bool Grow(Obj* m, uint delta) => Errors.Guard(() => Obj.Get<Memory>(m, ObjKind.Memory).Grow(delta) >= 0);
}
