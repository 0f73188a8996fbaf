using System.Text;

namespace WasmSharp.Text;

/// <summary>
/// Writes the <c>name</c> custom section for a text module: the module name (subsection 0) and the function names
/// (subsection 1) from their <c>$id</c>s. Traps then name the functions in their backtraces, as for a binary built
/// with debug names. Appended after the last section, where the spec's appendix places it.
/// </summary>
internal static class NameSectionEncoder
{
    public static byte[] Append(byte[] binary, string? moduleName, IndexSpace functions)
    {
        var payload = new ByteWriter(256);
        Name(payload, "name");
        if (moduleName is not null)
        {
            var module = new ByteWriter();
            Name(module, moduleName);
            Subsection(payload, 0, module);
        }
        var names = functions.Names().OrderBy(n => n.Index).ToArray();
        if (names.Length > 0)
        {
            var map = new ByteWriter(names.Length * 16);
            map.U32((uint)names.Length);
            foreach (var (index, name) in names)
            {
                map.U32(index);
                Name(map, name);
            }
            Subsection(payload, 1, map);
        }
        var w = new ByteWriter(binary.Length + payload.Length + 8);
        w.Bytes(binary);
        w.Byte(0); // custom section
        w.Vec(payload.Span);
        return w.ToArray();
    }

    private static void Subsection(ByteWriter payload, byte id, ByteWriter body)
    {
        payload.Byte(id);
        payload.Vec(body.Span);
    }

    private static void Name(ByteWriter w, string name) => w.Vec(Encoding.UTF8.GetBytes(name));
}
