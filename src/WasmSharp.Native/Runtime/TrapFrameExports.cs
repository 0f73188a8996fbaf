using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// wasm_trap_t (message, origin, trace) and wasm_frame_t.
internal static unsafe class TrapFrameExports
{
    /// <summary>A trap for a host callback to return; <paramref name="message"/> is a wasm_message_t (NUL counted).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_new")]
    private static Obj* New(Obj* store, Vec* message) => Errors.Guard(() =>
    {
        Obj.Check(store, ObjKind.Store);
        return (nint)Obj.New(ObjKind.Trap, new TrapInfo(Names.FromVec(message), []));
    }).ToPointer<Obj>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_message")]
    private static void Message(Obj* t, Vec* result) =>
        Errors.Guard(() => Names.ToMessage(Obj.Get<TrapInfo>(t, ObjKind.Trap).Message, result));

    /// <summary>The innermost frame, or NULL when the trap has none (e.g. made by wasm_trap_new).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_origin")]
    private static FrameN* Origin(Obj* t) => Errors.Guard(() =>
    {
        var frames = Obj.Get<TrapInfo>(t, ObjKind.Trap).Frames;
        return frames.Count == 0 ? 0 : (nint)Frames.New(frames[0]);
    }).ToPointer<FrameN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_trap_trace")]
    private static void Trace(Obj* t, Vec* result) => Errors.Guard(() =>
    {
        var frames = Obj.Get<TrapInfo>(t, ObjKind.Trap).Frames;
        Vecs.NewUninitialized(result, (nuint)frames.Count, sizeof(nint));
        for (int i = 0; i < frames.Count; i++) ((FrameN**)result->Data)[i] = Frames.New(frames[i]);
    });

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_copy")]
    private static FrameN* FrameCopy(FrameN* f) => Errors.Guard(() => (nint)Frames.Copy(f)).ToPointer<FrameN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_delete")]
    private static void FrameDelete(FrameN* f) => Frames.Delete(f);

    /// <summary>NULL: backtraces do not record the instance.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_instance")]
    private static Obj* FrameInstance(FrameN* f) => null;

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_func_index")]
    private static uint FrameFuncIndex(FrameN* f) => f == null ? 0 : f->FuncIndex;

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_func_offset")]
    private static nuint FrameFuncOffset(FrameN* f) => f == null ? 0 : f->FuncOffset;

    [UnmanagedCallersOnly(EntryPoint = "wasm_frame_module_offset")]
    private static nuint FrameModuleOffset(FrameN* f) => f == null ? 0 : f->ModuleOffset;
}
