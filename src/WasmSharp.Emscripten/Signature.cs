namespace WasmSharp.Emscripten;

/// <summary>emcc's signature letters (as in <c>invoke_viij</c>): v void, i i32, j i64, f f32, d f64; the first
/// letter is the result.</summary>
internal static class Signature
{
    public static FuncType Parse(string sig)
    {
        if (sig.Length == 0) throw new ArgumentException("empty signature");
        var results = sig[0] == 'v' ? Array.Empty<ValType>() : [Letter(sig[0], sig)];
        var ps = new ValType[sig.Length - 1];
        for (int i = 1; i < sig.Length; i++) ps[i - 1] = Letter(sig[i], sig);
        return new FuncType(ps, results);
    }

    /// <summary>Params and results from letters, e.g. <c>Of("ii", "i")</c>.</summary>
    public static FuncType Of(string ps, string results) => Parse((results.Length == 0 ? "v" : results) + ps);

    private static ValType Letter(char c, string sig) => c switch
    {
        'i' => ValType.I32,
        'j' => ValType.I64,
        'f' => ValType.F32,
        'd' => ValType.F64,
        _ => throw new ArgumentException($"signature \"{sig}\" has an unknown letter '{c}'"),
    };
}
