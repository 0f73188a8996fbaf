namespace WasmSharp;

/// <summary>Instantiation failed because an import is missing or does not match ("unknown import",
/// "incompatible import type").</summary>
public sealed class LinkException : WasmException
{
    /// <summary>A link error described by <paramref name="message"/> (which names the import).</summary>
    public LinkException(string message) : base(message) { }
}
