using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary>The standard's host info: one pointer (and finalizer) per handle, the finalizer run when the handle is
/// deleted or the info replaced. It belongs to the handle, not the object: a copy starts without host info.</summary>
internal static unsafe class HostInfo
{
    /// <summary><paramref name="kind"/> null accepts a handle of any kind (wasm_ref_*).</summary>
    public static void* Get(Obj* o, ObjKind? kind)
    {
        if (!Valid(o, kind)) return null;
        return o->HostInfo;
    }

    public static void Set(Obj* o, ObjKind? kind, void* info, delegate* unmanaged<void*, void> finalizer)
    {
        if (!Valid(o, kind)) return;
        if (o->Finalizer != null) o->Finalizer(o->HostInfo);
        o->HostInfo = info;
        o->Finalizer = finalizer;
    }

    public static bool Same(Obj* a, Obj* b, ObjKind kind)
    {
        if (a != null) Obj.Check(a, kind);
        if (b != null) Obj.Check(b, kind);
        return Refs.Same(a, b);
    }

    private static bool Valid(Obj* o, ObjKind? kind)
    {
        try
        {
            if (kind is { } k) Obj.Check(o, k);
            else Obj.Target(o);
            return true;
        }
        catch (Exception e)
        {
            Errors.Set(e);
            return false;
        }
    }
}
