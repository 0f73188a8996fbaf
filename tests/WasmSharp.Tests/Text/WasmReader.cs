namespace WasmSharp.Tests.Text;

/// <summary>A tiny reader for the binary modules the tests produce: finds sections and function bodies.</summary>
internal static class WasmReader
{
    public static byte[] Section(byte[] module, byte id)
    {
        int p = 8;
        while (p < module.Length)
        {
            byte sid = module[p++];
            uint size = Leb(module, ref p);
            if (sid == id) return module.AsSpan(p, (int)size).ToArray();
            p += (int)size;
        }
        throw new InvalidOperationException($"no section {id}");
    }

    public static bool HasSection(byte[] module, byte id)
    {
        int p = 8;
        while (p < module.Length)
        {
            byte sid = module[p++];
            uint size = Leb(module, ref p);
            if (sid == id) return true;
            p += (int)size;
        }
        return false;
    }

    /// <summary>The instructions of function body <paramref name="index"/>, after its locals, including the final end.</summary>
    public static byte[] Body(byte[] module, int index = 0)
    {
        var code = Section(module, 10);
        int p = 0;
        uint count = Leb(code, ref p);
        for (int i = 0; i < count; i++)
        {
            uint size = Leb(code, ref p);
            int end = p + (int)size;
            if (i == index)
            {
                uint groups = Leb(code, ref p);
                for (int g = 0; g < groups; g++)
                {
                    Leb(code, ref p);
                    p++;
                }
                return code.AsSpan(p, end - p).ToArray();
            }
            p = end;
        }
        throw new InvalidOperationException($"no body {index}");
    }

    public static uint Leb(byte[] b, ref int p)
    {
        uint result = 0;
        int shift = 0;
        while (true)
        {
            byte x = b[p++];
            result |= (uint)(x & 0x7F) << shift;
            if ((x & 0x80) == 0) return result;
            shift += 7;
        }
    }
}
