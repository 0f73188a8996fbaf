namespace WasmSharp;

/// <summary>The module decodes but breaks a validation rule.</summary>
public sealed class InvalidModuleException : WasmException
{
    /// <summary>Byte offset in the module where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The problem in the spec's words, without the offset.</summary>
    public string Reason { get; }

    /// <summary>An invalid module: <paramref name="reason"/> in the spec's words, at byte <paramref name="offset"/>.</summary>
    public InvalidModuleException(string reason, long offset)
        : base($"{reason} (at offset 0x{offset:x})")
    {
        Reason = reason;
        Offset = offset;
    }
}
