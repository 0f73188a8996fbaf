using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary>Carries the trap a C host callback returned through the runtime's host-exception path back to the
/// wasm_func_call (or wasm_instance_new) that began the Wasm call, which hands it to the C caller unchanged.</summary>
internal sealed unsafe class HostTrapException : Exception
{
    private Obj* _trap;

    public HostTrapException(Obj* trap) : base(Obj.Get<TrapInfo>(trap, ObjKind.Trap).Message) => _trap = trap;

    /// <summary>The trap, once: ownership passes to the caller.</summary>
    public Obj* Take()
    {
        var t = _trap;
        _trap = null;
        return t != null ? t : Obj.New(ObjKind.Trap, new TrapInfo(Message, []));
    }
}
