namespace WasmSharp.Contract;

/// <summary>Adds a name section to a binary module (our WAT encoder writes none).</summary>
public static class WasmNames
{
    /// <summary>Appends a <c>name</c> section naming functions 0, 1, ...</summary>
    public static byte[] WithFunctionNames(byte[] wasm, params string[] names)
    {
        var map = new List<byte> { (byte)names.Length };
        for (int i = 0; i < names.Length; i++)
        {
            map.Add((byte)i);
            map.Add((byte)names[i].Length);
            map.AddRange(System.Text.Encoding.UTF8.GetBytes(names[i]));
        }
        var payload = new List<byte> { 4, (byte)'n', (byte)'a', (byte)'m', (byte)'e', 1, (byte)map.Count };
        payload.AddRange(map);
        return [.. wasm, 0, (byte)payload.Count, .. payload];
    }
}
