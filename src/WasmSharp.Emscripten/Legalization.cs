namespace WasmSharp.Emscripten;

/// <summary>
/// Without <c>-sWASM_BIGINT</c>, emcc gives every import JavaScript implements an i64-free signature: each i64
/// parameter becomes two i32 (low, high) and an i64 result becomes an i32 whose high half goes through
/// <c>setTempRet0</c>/<c>getTempRet0</c>. This adapts a host function with the real signature to that form.
/// </summary>
internal static class Legalization
{
    public static FuncType Legalize(FuncType t)
    {
        var ps = t.Params.SelectMany(p => p == ValType.I64 ? new[] { ValType.I32, ValType.I32 } : [p]).ToArray();
        var rs = t.Results.Select(r => r == ValType.I64 ? ValType.I32 : r).ToArray();
        return new FuncType(ps, rs);
    }

    /// <summary>A callback of the legalized type that joins the halves, calls <paramref name="inner"/> and splits
    /// an i64 result (high half into tempRet0).</summary>
    public static HostCallback Wrap(FuncType real, HostCallback inner, EmscriptenEnv env) => (args, results) =>
    {
        var joined = new Value[real.Params.Length];
        Join(real, args, joined);
        var full = new Value[real.Results.Length];
        inner(joined, full);
        SplitResults(full, results, env);
    };

    public static void Join(FuncType real, ReadOnlySpan<Value> args, Span<Value> joined)
    {
        int k = 0;
        for (int i = 0; i < real.Params.Length; i++)
        {
            if (real.Params[i] == ValType.I64)
            {
                joined[i] = Value.I64((uint)args[k].AsInt32() | ((long)args[k + 1].AsInt32() << 32));
                k += 2;
            }
            else joined[i] = args[k++];
        }
    }

    public static void SplitResults(ReadOnlySpan<Value> full, Span<Value> results, EmscriptenEnv env)
    {
        for (int i = 0; i < full.Length; i++)
        {
            if (full[i].Type != ValType.I64)
            {
                results[i] = full[i];
                continue;
            }
            long v = full[i].AsInt64();
            env.TempRet0 = (int)(v >> 32);
            results[i] = Value.I32((int)v);
        }
    }
}
