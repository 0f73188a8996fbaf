namespace WasmSharp.Compilers;

/// <summary>One frame of a trap's backtrace as a compiler's runner sees it: the module's code, the defined function
/// (imports not counted), and the module offset of the Wasm instruction the frame was at (the trapping instruction
/// in the innermost frame, the call in the others), or -1 when the runner cannot tell.</summary>
public readonly record struct CodeFrame(CompiledCode Code, int DefinedIndex, int WasmOffset = -1);
