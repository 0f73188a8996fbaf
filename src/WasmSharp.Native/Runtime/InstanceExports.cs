using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// wasm_instance_t: positional instantiation and exports in module order.
internal static unsafe class InstanceExports
{
    /// <summary>Any failure (link error or trap, including a start function's) gives NULL and, when
    /// <paramref name="trap"/> is not NULL, a trap saying why.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_new")]
    private static Obj* New(Obj* store, Obj* module, Vec* imports, Obj** trap)
    {
        if (trap != null) *trap = null;
        try
        {
            var box = Obj.Get<StoreBox>(store, ObjKind.Store);
            var m = Obj.Get<Module>(module, ObjKind.Module);
            var items = Vecs.Span<nint>(imports);
            var externs = new Extern[items.Length];
            for (int i = 0; i < externs.Length; i++) externs[i] = Externs.Get((Obj*)items[i]);
            return Obj.New(ObjKind.Instance, Instance.Instantiate(box.Store, m, externs));
        }
        catch (Exception e)
        {
            Errors.Set(e);
            var t = TrapInfo.From(e);
            if (trap != null) *trap = t;
            else Obj.Delete(t, ObjKind.Trap);
            return null;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_delete")]
    private static void Delete(Obj* i) => Errors.Guard(() => Obj.Delete(i, ObjKind.Instance));

    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_copy")]
    private static Obj* Copy(Obj* i) => Errors.Guard(() => (nint)Obj.Copy(i, ObjKind.Instance)).ToPointer<Obj>();

    /// <summary>New extern handles, in the order of the module's exports (the order wasm_module_exports gives).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_instance_exports")]
    private static void Exports(Obj* i, Vec* result) => Errors.Guard(() =>
    {
        var exports = Obj.Get<Instance>(i, ObjKind.Instance).OrderedExports;
        Vecs.NewUninitialized(result, (nuint)exports.Count, sizeof(nint));
        for (int k = 0; k < exports.Count; k++) ((Obj**)result->Data)[k] = Externs.New(exports[k].Item);
    });
}
