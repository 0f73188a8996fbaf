namespace WasmSharp.Bench;

/// <summary>Writes small binary modules for the scaling benchmark: one type section, functions, exports.</summary>
internal sealed class ModuleBuilder
{
    private readonly List<(byte[] Params, byte[] Results)> _types = new();
    private readonly List<(int Type, byte[] Body)> _functions = new();

    public int AddType(byte[] ps, byte[] rs)
    {
        _types.Add((ps, rs));
        return _types.Count - 1;
    }

    /// <summary>Adds a function; <paramref name="body"/> is locals and code, ending with <c>end</c>.</summary>
    public void AddFunction(int type, byte[] body) => _functions.Add((type, body));

    public byte[] ToBytes()
    {
        var o = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        var types = new List<byte>();
        Leb(types, (uint)_types.Count);
        foreach (var (ps, rs) in _types)
        {
            types.Add(0x60);
            Leb(types, (uint)ps.Length); types.AddRange(ps);
            Leb(types, (uint)rs.Length); types.AddRange(rs);
        }
        Section(o, 1, types);
        var funcs = new List<byte>();
        Leb(funcs, (uint)_functions.Count);
        foreach (var (t, _) in _functions) Leb(funcs, (uint)t);
        Section(o, 3, funcs);
        var code = new List<byte>();
        Leb(code, (uint)_functions.Count);
        foreach (var (_, body) in _functions)
        {
            Leb(code, (uint)body.Length);
            code.AddRange(body);
        }
        Section(o, 10, code);
        return o.ToArray();
    }

    private static void Section(List<byte> o, byte id, List<byte> payload)
    {
        o.Add(id);
        Leb(o, (uint)payload.Count);
        o.AddRange(payload);
    }

    public static void Leb(List<byte> o, uint v)
    {
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            o.Add(v != 0 ? (byte)(b | 0x80) : b);
        } while (v != 0);
    }
}
