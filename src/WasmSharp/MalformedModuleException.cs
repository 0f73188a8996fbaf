namespace WasmSharp;

/// <summary>The bytes are not a well-formed WebAssembly binary (decoding failed).</summary>
public sealed class MalformedModuleException : WasmException
{
    /// <summary>Byte offset in the module where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The problem in the spec's words, without the offset.</summary>
    public string Reason { get; }

    /// <summary>A malformed module: <paramref name="reason"/> in the spec's words, at byte <paramref name="offset"/>.</summary>
    public MalformedModuleException(string reason, long offset)
        : base($"{reason} (at offset 0x{offset:x})")
    {
        Reason = reason;
        Offset = offset;
    }
}
