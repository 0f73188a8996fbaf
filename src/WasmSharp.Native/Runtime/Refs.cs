using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary>References (<c>wasm_ref_t</c>): handles to functions, externs, foreign objects and the rest, by kind.</summary>
internal static unsafe class Refs
{
    /// <summary>A new handle to a reference value's object, or NULL for a null reference.</summary>
    public static Obj* New(object? target) => target switch
    {
        null => null,
        Function f => Obj.New(ObjKind.Func, f),
        Global g => Obj.New(ObjKind.Global, g),
        Table t => Obj.New(ObjKind.Table, t),
        Memory m => Obj.New(ObjKind.Memory, m),
        Instance i => Obj.New(ObjKind.Instance, i),
        _ => Obj.New(ObjKind.Foreign, target),
    };

    public static Obj* Copy(Obj* r) => r == null ? null : Obj.Copy(r, r->Kind);

    public static void Delete(Obj* r)
    {
        if (r != null) Obj.Delete(r, r->Kind);
    }

    public static bool Same(Obj* a, Obj* b) =>
        a == null || b == null ? a == b : ReferenceEquals(Obj.Target(a), Obj.Target(b));
}
