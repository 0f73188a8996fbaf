using System.Buffers;
using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

// wasm_func_t: host functions from C callbacks, calls, and type reflection.
internal static unsafe class FuncExports
{
    [UnmanagedCallersOnly(EntryPoint = "wasm_func_new")]
    private static Obj* New(Obj* store, FuncTypeN* type, nint callback) =>
        Errors.Guard(() => (nint)Create(store, type, callback, 0, 0, false)).ToPointer<Obj>();

    /// <summary>The finalizer runs on <paramref name="env"/> when the store is deleted.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_func_new_with_env")]
    private static Obj* NewWithEnv(Obj* store, FuncTypeN* type, nint callback, nint env, nint finalizer) =>
        Errors.Guard(() => (nint)Create(store, type, callback, env, finalizer, true)).ToPointer<Obj>();

    private static Obj* Create(Obj* store, FuncTypeN* type, nint callback, nint env, nint finalizer, bool withEnv)
    {
        var box = Obj.Get<StoreBox>(store, ObjKind.Store);
        var t = TypeConvert.ToManaged(type);
        if (callback == 0) throw new ArgumentNullException(nameof(callback), "callback is NULL");
        var f = box.Store.CreateFunction(t, new HostCallback(t, callback, env, withEnv).Invoke);
        box.OnDelete(finalizer, env);
        return Obj.New(ObjKind.Func, f);
    }

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_type")]
    private static FuncTypeN* Type(Obj* f) => Errors.Guard(() => (nint)TypeConvert.ToNative(Obj.Get<Function>(f, ObjKind.Func).Type)).ToPointer<FuncTypeN>();

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_param_arity")]
    private static nuint ParamArity(Obj* f) => Errors.Guard(() => (nuint)Obj.Get<Function>(f, ObjKind.Func).Type.Params.Length);

    [UnmanagedCallersOnly(EntryPoint = "wasm_func_result_arity")]
    private static nuint ResultArity(Obj* f) => Errors.Guard(() => (nuint)Obj.Get<Function>(f, ObjKind.Func).Type.Results.Length);

    /// <summary>Calls <paramref name="f"/>; returns NULL, or an owned trap (also for wrong arguments: the standard
    /// has no other error channel here). <paramref name="results"/> must have room for every result.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasm_func_call")]
    private static Obj* Call(Obj* f, Vec* args, Vec* results)
    {
        Value[]? buffer = null;
        try
        {
            var func = Obj.Get<Function>(f, ObjKind.Func);
            var type = func.Type;
            int n = type.Params.Length, m = type.Results.Length;
            var a = Vecs.Span<WasmVal>(args);
            var r = Vecs.Span<WasmVal>(results);
            if (a.Length != n) throw new ArgumentException($"expected {n} arguments, got {a.Length}");
            if (r.Length != m) throw new ArgumentException($"expected a results vec of {m}, got {r.Length}");
            buffer = ArrayPool<Value>.Shared.Rent(n + m);
            for (int i = 0; i < n; i++) buffer[i] = Vals.ToValue((WasmVal*)args->Data + i, type.Params[i]);
            func.Invoke(buffer.AsSpan(0, n), buffer.AsSpan(n, m));
            for (int i = 0; i < m; i++) Vals.FromValue(buffer[n + i], (WasmVal*)results->Data + i);
            return null;
        }
        catch (Exception e)
        {
            Errors.Set(e);
            return TrapInfo.From(e);
        }
        finally
        {
            if (buffer != null) ArrayPool<Value>.Shared.Return(buffer, clearArray: true);
        }
    }
}
