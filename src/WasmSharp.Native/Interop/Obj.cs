using System.Runtime.InteropServices;

namespace WasmSharp.Native.Interop;

/// <summary>What a runtime handle stands for; checked on every use so a wrong pointer type is an error, not a crash.</summary>
internal enum ObjKind
{
    Freed = 0,
    Config = 0x5753_0001,
    Engine,
    Store,
    Module,
    Instance,
    Func,
    Global,
    Table,
    Memory,
    Foreign,
    Trap,
    WasiConfig,
    WasiEnv,
}

/// <summary>
/// A C handle to a managed object (<c>wasm_engine_t</c>, <c>wasm_func_t</c>, ...): native memory holding a GCHandle,
/// plus the standard's host info. Externs and references are the same struct, so <c>wasm_func_as_extern</c> is a cast.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Obj
{
    public ObjKind Kind;
    public nint Handle;
    public void* HostInfo;
    public delegate* unmanaged<void*, void> Finalizer;

    public static Obj* New(ObjKind kind, object target)
    {
        var o = (Obj*)NativeMemory.AllocZeroed((nuint)sizeof(Obj));
        o->Kind = kind;
        o->Handle = GCHandle.ToIntPtr(GCHandle.Alloc(target));
        return o;
    }

    /// <summary>The managed object behind <paramref name="o"/>, which must be a handle of <paramref name="kind"/>.</summary>
    public static T Get<T>(Obj* o, ObjKind kind) where T : class
    {
        Check(o, kind);
        return (T)GCHandle.FromIntPtr(o->Handle).Target!;
    }

    public static object Target(Obj* o)
    {
        if (o == null) throw new ArgumentNullException(nameof(o), "reference is NULL");
        if (o->Kind == ObjKind.Freed) throw new ObjectDisposedException("reference", "the reference was deleted");
        return GCHandle.FromIntPtr(o->Handle).Target!;
    }

    public static void Check(Obj* o, ObjKind kind)
    {
        if (o == null) throw new ArgumentNullException(kind.ToString().ToLowerInvariant(), $"{Name(kind)} is NULL");
        if (o->Kind != kind) throw new ArgumentException($"expected a {Name(kind)}, got a {Name(o->Kind)}");
    }

    /// <summary>Frees a handle (a new one for the same object may exist); runs the host-info finalizer first.</summary>
    public static void Delete(Obj* o, ObjKind kind)
    {
        if (o == null) return;
        Check(o, kind);
        if (o->Finalizer != null) o->Finalizer(o->HostInfo);
        GCHandle.FromIntPtr(o->Handle).Free();
        o->Kind = ObjKind.Freed;
        NativeMemory.Free(o);
    }

    /// <summary>Another handle to the same object (the standard's <c>*_copy</c> of a reference).</summary>
    public static Obj* Copy(Obj* o, ObjKind kind) => New(kind, Get<object>(o, kind));

    public static string Name(ObjKind kind) => kind switch
    {
        ObjKind.Freed => "deleted handle",
        ObjKind.WasiConfig => "wasi_config_t",
        ObjKind.WasiEnv => "wasi_env_t",
        >= ObjKind.Config and <= ObjKind.Trap => $"wasm_{kind.ToString().ToLowerInvariant()}_t",
        _ => "pointer that is no WasmSharp handle",
    };
}
