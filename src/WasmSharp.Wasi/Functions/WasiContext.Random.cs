using System.Security.Cryptography;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>Cryptographically secure bytes, as the spec asks for.</summary>
    internal Errno RandomGet(uint bufPtr, uint length) => Guard(() => RandomNumberGenerator.Fill(Mem.Span(bufPtr, length)));
}
