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
        if (HasBinaryMagic(bytes) || !(path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || LooksLikeText(bytes))) return bytes;
        // with function names, so a trap's backtrace names the functions of the text
        return Wat.ToBinary(System.Text.Encoding.UTF8.GetString(bytes), debugNames: true);
    }

    /// <summary>Whether the file starts with the binary module magic (anything else is read as text).</summary>
    public static bool IsBinary(string path) => HasBinaryMagic(Head(path, 4));

    private static bool HasBinaryMagic(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\0asm"u8);

    /// <summary>The first <paramref name="count"/> bytes of a file (fewer if it is shorter).</summary>
    public static byte[] Head(string path, int count)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}", path);
        using var stream = File.OpenRead(path);
        var head = new byte[count];
        return head[..stream.ReadAtLeast(head, count, throwOnEndOfStream: false)];
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
