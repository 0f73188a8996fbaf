namespace WasmSharp.Emscripten;

/// <summary>
/// What emcc's glue throws as a JavaScript number to unwind Wasm frames: a C++ exception (its pointer) or a
/// longjmp. The runtime parks it at the host call and re-throws it where the nearest Wasm call began — the
/// <c>invoke_*</c> import that called through the table — which catches it and calls <c>setThrew</c>, as the glue does.
/// </summary>
internal sealed class GuestUnwind(uint thrown) : Exception(thrown == 0 ? "longjmp" : $"C++ exception {thrown}")
{
    /// <summary>The thrown C++ object, or 0 for a longjmp.</summary>
    public uint Thrown { get; } = thrown;
}
