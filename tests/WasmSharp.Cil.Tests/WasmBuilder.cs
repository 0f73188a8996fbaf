using System.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>Assembles small binary modules for tests (there is no text parser yet): types, function imports,
/// functions with raw bodies, function exports.</summary>
internal sealed class WasmBuilder
{
    private readonly List<FuncType> _types = new();
    private readonly List<(string Module, string Name, int Type)> _imports = new();
    private readonly List<(int Type, byte[] Locals, byte[] Code)> _funcs = new();
    private readonly List<(string Name, int Func)> _exports = new();

    public int Type(ValType[] ps, ValType[] rs)
    {
        _types.Add(new FuncType(ps, rs));
        return _types.Count - 1;
    }

    /// <summary>Returns the function index (imports come first).</summary>
    public int Import(string module, string name, int type)
    {
        _imports.Add((module, name, type));
        return _imports.Count - 1;
    }

    /// <summary>Adds a function; <paramref name="code"/> is its operators, without the final <c>end</c>.</summary>
    public int Func(int type, params byte[] code) => FuncWithLocals(type, [], code);

    public int FuncWithLocals(int type, byte[] localDecls, params byte[] code)
    {
        _funcs.Add((type, localDecls, code));
        return _imports.Count + _funcs.Count - 1;
    }

    public WasmBuilder Export(string name, int func)
    {
        _exports.Add((name, func));
        return this;
    }

    public byte[] Build()
    {
        var o = new List<byte> { 0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0 };
        Section(o, 1, _types.Count, _types.SelectMany(t => new byte[] { 0x60 }.Concat(Vec(t.Params)).Concat(Vec(t.Results))));
        Section(o, 2, _imports.Count, _imports.SelectMany(i => Name(i.Module).Concat(Name(i.Name)).Append((byte)0).Concat(U32(i.Type))));
        Section(o, 3, _funcs.Count, _funcs.SelectMany(f => U32(f.Type)));
        Section(o, 7, _exports.Count, _exports.SelectMany(e => Name(e.Name).Append((byte)0).Concat(U32(e.Func))));
        Section(o, 10, _funcs.Count, _funcs.SelectMany(f =>
        {
            var body = (f.Locals.Length == 0 ? [0] : f.Locals).Concat(f.Code).Append((byte)0x0B).ToArray();
            return U32(body.Length).Concat(body);
        }));
        return o.ToArray();
    }

    private static void Section(List<byte> o, byte id, int count, IEnumerable<byte> items)
    {
        if (count == 0) return;
        var payload = U32(count).Concat(items).ToArray();
        o.Add(id);
        o.AddRange(U32(payload.Length));
        o.AddRange(payload);
    }

    private static IEnumerable<byte> Vec(ValType[] ts) => U32(ts.Length).Concat(ts.Select(t => (byte)t));
    private static IEnumerable<byte> Name(string s) => U32(Encoding.UTF8.GetByteCount(s)).Concat(Encoding.UTF8.GetBytes(s));

    public static byte[] U32(int v)
    {
        var r = new List<byte>();
        uint x = (uint)v;
        do
        {
            byte b = (byte)(x & 0x7F);
            x >>= 7;
            if (x != 0) b |= 0x80;
            r.Add(b);
        } while (x != 0);
        return r.ToArray();
    }
}
