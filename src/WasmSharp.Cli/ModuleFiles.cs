using WasmSharp.Text;

namespace WasmSharp.Cli;

/// <summary>Reads a module file: binary, or WAT text (by extension, or by not starting with the binary magic).</summary>
internal static class ModuleFiles
{
    public static byte[] Read(string path)
    {
        // .NET words a missing directory on the way differently from a missing file: say the same for both
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}", path);
        var bytes = File.ReadAllBytes(path);
        bool binary = bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';
        if (binary || !(path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || LooksLikeText(bytes))) return bytes;
        // with function names, so a trap's backtrace names the functions of the text
        return Wat.ToBinary(System.Text.Encoding.UTF8.GetString(bytes), debugNames: true);
    }

    private static bool LooksLikeText(byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b is (byte)'(' or (byte)';';
        }
        return false;
    }
}
