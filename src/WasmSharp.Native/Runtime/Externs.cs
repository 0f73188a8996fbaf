using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary><c>wasm_extern_t</c>: a handle of kind Func, Global, Table or Memory.</summary>
internal static unsafe class Externs
{
    public static Obj* New(Extern e) => Refs.New(e.Item);

    public static Extern Get(Obj* o)
    {
        if (o == null) throw new ArgumentNullException(nameof(o), "extern is NULL");
        if (o->Kind is not (ObjKind.Func or ObjKind.Global or ObjKind.Table or ObjKind.Memory))
            throw new ArgumentException($"expected a wasm_extern_t, got a {Obj.Name(o->Kind)}");
        return Extern.From(Obj.Target(o));
    }

    public static void* Copy(void* o)
    {
        Get((Obj*)o);
        return Refs.Copy((Obj*)o);
    }

    public static void Delete(void* o) => Refs.Delete((Obj*)o);

    /// <summary>The handle itself when it is of <paramref name="kind"/>, else NULL (the standard's as_func, ...).</summary>
    public static Obj* As(Obj* o, ObjKind kind) => o != null && o->Kind == kind ? o : null;
}
