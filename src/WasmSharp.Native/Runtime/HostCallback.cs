using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

/// <summary>
/// A C function (<c>wasm_func_callback_t</c>, or <c>wasm_func_callback_with_env_t</c> with its env) behind a
/// runtime host function. Arguments go out as wasm_val_t on the native stack; the results the callback writes are
/// read back and their references deleted; a trap it returns is thrown as <see cref="HostTrapException"/>, which
/// the runtime carries out of Wasm to the call's start.
/// </summary>
internal sealed unsafe class HostCallback(FuncType type, nint callback, nint env, bool withEnv)
{
    public void Invoke(ReadOnlySpan<Value> args, Span<Value> results)
    {
        int n = args.Length, m = results.Length;
        WasmVal* a = stackalloc WasmVal[Math.Max(n, 1)];
        WasmVal* r = stackalloc WasmVal[Math.Max(m, 1)];
        // zeroed, so the cleanup below never reads an unset reference if a conversion fails midway
        new Span<WasmVal>(a, n).Clear();
        new Span<WasmVal>(r, m).Clear();
        var av = new Vec { Size = (nuint)n, Data = a };
        var rv = new Vec { Size = (nuint)m, Data = r };
        Obj* trap = null;
        try
        {
            for (int i = 0; i < n; i++) Vals.FromValue(args[i], a + i);
            trap = withEnv
                ? ((delegate* unmanaged<void*, Vec*, Vec*, Obj*>)callback)((void*)env, &av, &rv)
                : ((delegate* unmanaged<Vec*, Vec*, Obj*>)callback)(&av, &rv);
            if (trap != null) throw new HostTrapException(trap);
            for (int i = 0; i < m; i++) results[i] = Vals.ToValue(r + i, type.Results[i]);
        }
        finally
        {
            for (int i = 0; i < n; i++) Vals.Delete(a + i);
            for (int i = 0; i < m; i++) Vals.Delete(r + i);
        }
    }
}
