namespace WasmSharp;

/// <summary>A resource could not be had: address space for a linear memory, a table over the implementation limit,
/// native memory. Thrown by instantiation and by host-side creation; inside Wasm, <c>memory.grow</c> and
/// <c>table.grow</c> report the same conditions by returning -1.</summary>
public sealed class ResourceLimitException : WasmException
{
    /// <summary>A resource limit reached, described by <paramref name="message"/>.</summary>
    public ResourceLimitException(string message) : base(message) { }
}
