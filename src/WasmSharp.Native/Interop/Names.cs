using System.Text;

namespace WasmSharp.Native.Interop;

/// <summary><c>wasm_name_t</c> and <c>wasm_message_t</c> (byte vecs) to and from .NET strings.</summary>
internal static unsafe class Names
{
    /// <summary>A UTF-8 name without terminator (import and export names).</summary>
    public static void ToVec(string s, Vec* v) => Fill(s, v, terminate: false);

    /// <summary>A message: the standard counts the terminating NUL in its size.</summary>
    public static void ToMessage(string s, Vec* v) => Fill(s, v, terminate: true);

    public static string FromVec(Vec* v)
    {
        var bytes = Vecs.Span<byte>(v);
        if (bytes.Length > 0 && bytes[^1] == 0) bytes = bytes[..^1];
        return Encoding.UTF8.GetString(bytes);
    }

    public static string FromCString(byte* s, string what)
    {
        if (s == null) throw new ArgumentNullException(what, $"{what} is NULL");
        return Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s));
    }

    private static void Fill(string s, Vec* v, bool terminate)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        Vecs.NewUninitialized(v, (nuint)(n + (terminate ? 1 : 0)), 1);
        if (n > 0) Encoding.UTF8.GetBytes(s, new Span<byte>(v->Data, n));
    }
}
