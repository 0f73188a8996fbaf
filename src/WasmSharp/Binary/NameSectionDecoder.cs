namespace WasmSharp.Binary;

/// <summary>
/// Decodes the <c>name</c> custom section (module, function and local names). Custom sections cannot make a
/// module malformed, so a broken name section is dropped, not reported.
/// </summary>
internal static class NameSectionDecoder
{
    public static NameSection? TryRead(ReadOnlySpan<byte> bytes, int offset)
    {
        try { return Read(bytes, offset); }
        catch (MalformedModuleException) { return null; }
    }

    private static NameSection Read(ReadOnlySpan<byte> bytes, int offset)
    {
        var names = new NameSection();
        var r = new WasmReader(bytes, offset);
        while (!r.AtEnd)
        {
            byte id = r.ReadByte();
            int len = r.ReadLength();
            var sub = new WasmReader(r.ReadBytes(len), r.Offset - len);
            switch (id)
            {
                case 0: names.ModuleName = sub.ReadName(); break;
                case 1: ReadNameMap(ref sub, names.FunctionNames); break;
                case 2:
                    for (int n = sub.ReadCount(), i = 0; i < n; i++)
                    {
                        uint func = sub.ReadU32();
                        var map = new Dictionary<uint, string>();
                        ReadNameMap(ref sub, map);
                        names.LocalNames[func] = map;
                    }
                    break;
                default: break; // other subsections (labels, types, ...) are not needed
            }
        }
        return names;
    }

    private static void ReadNameMap(ref WasmReader r, Dictionary<uint, string> map)
    {
        for (int n = r.ReadCount(2), i = 0; i < n; i++)
        {
            uint idx = r.ReadU32();
            map[idx] = r.ReadName();
        }
    }
}
