namespace WasmSharp;

/// <summary>Instantiation failed because an import is missing or does not match ("unknown import",
/// "incompatible import type").</summary>
public sealed class LinkException : WasmException
{
    public LinkException(string message) : base(message) { }
}
