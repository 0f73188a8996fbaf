using WasmSharp.Wasi;

namespace WasmSharp.Emscripten;

/// <summary>
/// One Emscripten guest's host side: what emcc's JavaScript glue keeps in its closure (tempRet0, the C++ exception
/// being thrown, the current directory) plus the WASI context that owns its descriptors. The imports need the
/// guest's exports (memory, table, stackSave, setThrew, ...), which exist only after instantiation:
/// <see cref="EmscriptenLinking.Define"/> before, <see cref="Bind"/> after.
/// </summary>
internal sealed partial class EmscriptenEnv
{
    private Instance? _instance;

    private readonly WasiContext? _wasi;

    /// <summary>A context for one guest; null only to list the import names (<see cref="Provides"/>).</summary>
    public EmscriptenEnv(WasiContext? wasi)
    {
        _wasi = wasi;
        Paths = new GuestPaths(wasi);
    }

    public WasiContext Wasi => _wasi ?? throw new InvalidOperationException("this Emscripten context only lists names");

    /// <summary>The current directory and the open descriptors' paths, as emcc's FS keeps them.</summary>
    public GuestPaths Paths { get; }

    /// <summary>The high 32 bits of an i64 passed to or from JavaScript in two halves (emcc's legalization).</summary>
    public int TempRet0 { get; set; }

    public Instance Instance => _instance ??
        throw new InvalidOperationException("Emscripten import called before the instance was bound");

    public GuestMemory Mem => Wasi.Mem;

    public void Bind(Instance instance)
    {
        _instance = instance;
        Wasi.Bind(instance);
    }

    /// <summary>An export the glue relies on; its absence is the module's fault, so the message names it.</summary>
    public Function Export(string name) => Instance.GetFunction(name) ??
        throw new InvalidOperationException($"the Emscripten module exports no \"{name}\", which this import needs");

    public Table FunctionTable => Instance.GetTable("__indirect_function_table") ??
        throw new InvalidOperationException("the Emscripten module exports no \"__indirect_function_table\"");

    /// <summary>Reads a NUL-terminated UTF-8 string from guest memory.</summary>
    public string CString(uint ptr)
    {
        var all = Mem.Memory;
        ulong end = ptr;
        while (end < all.Length && all.Read<byte>(end) != 0) end++;
        if (end >= all.Length) throw new InvalidOperationException($"unterminated string at guest address {ptr}");
        return Mem.ReadString(ptr, (uint)(end - ptr));
    }

    public int I32(uint ptr) => (int)Mem.ReadU32(ptr);
    public void I32(uint ptr, int value) => Mem.WriteU32(ptr, (uint)value);

    /// <summary>Copies <paramref name="s"/> into memory from the guest's own <c>malloc</c>, as the glue's allocateUTF8.</summary>
    public uint NewCString(string s)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        uint ptr = (uint)Export("malloc").Invoke(Value.I32(bytes.Length + 1))[0].AsInt32();
        if (ptr == 0) throw new InvalidOperationException("the guest's malloc failed");
        var span = Mem.Span(ptr, (uint)bytes.Length + 1);
        bytes.CopyTo(span);
        span[bytes.Length] = 0;
        return ptr;
    }
}
