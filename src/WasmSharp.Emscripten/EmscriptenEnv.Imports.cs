namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    /// <summary>A host function as emcc's glue defines it: its real (unlegalized) type and its body.</summary>
    internal readonly record struct HostDef(FuncType Type, HostCallback Callback);

    private Dictionary<string, HostDef>? _functions;

    /// <summary>A context never bound, to answer <see cref="Provides"/>.</summary>
    private static readonly Lazy<EmscriptenEnv> Template = new(() => new EmscriptenEnv(null));

    /// <summary>Whether WasmSharp provides "env" function <paramref name="name"/> with type <paramref name="type"/>
    /// (as is, or legalized).</summary>
    public static bool Provides(string name, FuncType type) => Template.Value.Lookup(name) is { } def &&
        (type.Equals(def.Type) || type.Equals(Legalization.Legalize(def.Type)));

    /// <summary>The "env" function <paramref name="name"/>, or null when WasmSharp does not implement it.
    /// <c>invoke_SIG</c> and <c>__cxa_find_matching_catch_N</c> are families, made for whatever the module asks.</summary>
    public HostDef? Lookup(string name)
    {
        _functions ??= Functions(); // a race on the template only builds the same table twice
        if (_functions.TryGetValue(name, out var f)) return f;
        if (name.StartsWith(InvokePrefix, StringComparison.Ordinal)) return Invoke(name[InvokePrefix.Length..]);
        if (name.StartsWith(FindMatchingCatchPrefix, StringComparison.Ordinal)) return FindMatchingCatch(name[FindMatchingCatchPrefix.Length..]);
        return null;
    }

    /// <summary>A WASI function, wrapped where emcc's FS keeps per-descriptor state of its own (paths, open flags,
    /// listing positions) that closing or seeking must reset.</summary>
    public HostDef? Override(string name, Dictionary<string, (FuncType Type, HostCallback Callback)> wasi)
    {
        if (!wasi.TryGetValue(name, out var w)) return null;
        return name switch
        {
            "fd_close" or "fd_seek" => new HostDef(w.Type, (a, r) =>
            {
                w.Callback(a, r);
                int fd = a[0].AsInt32();
                if (name == "fd_seek") Paths.Rewound(fd);
                else
                {
                    Paths.Forget(fd);
                    _openFlags.Remove(fd);
                }
            }),
            _ => new HostDef(w.Type, w.Callback),
        };
    }

    private static void F(Dictionary<string, HostDef> d, string name, string ps, string rs, HostCallback body) =>
        d.Add(name, new HostDef(Signature.Of(ps, rs), body));

    private delegate int IntBody(ReadOnlySpan<Value> a);

    /// <summary>An i32-returning import.</summary>
    private static void I(Dictionary<string, HostDef> d, string name, string ps, IntBody body) =>
        F(d, name, ps, "i", (a, r) => r[0] = Value.I32(body(a)));

    private static uint U(ReadOnlySpan<Value> a, int i) => (uint)a[i].AsInt32();

    private Dictionary<string, HostDef> Functions()
    {
        var d = new Dictionary<string, HostDef>();
        AddHeap(d);
        AddProcess(d);
        AddTime(d);
        AddExceptions(d);
        AddSyscalls(d);
        AddConsole(d);
        return d;
    }
}
