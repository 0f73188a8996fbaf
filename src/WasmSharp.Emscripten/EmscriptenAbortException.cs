namespace WasmSharp.Emscripten;

/// <summary>The guest called <c>abort()</c> (or an uncaught C++ exception ended it); the message is the one emcc's
/// glue prints: <c>Aborted(...)</c>.</summary>
internal sealed class EmscriptenAbortException(string reason) : WasmException($"Aborted({reason})")
{
}
