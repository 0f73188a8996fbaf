namespace WasmSharp.Native.Runtime;

/// <summary>An object a C program created with <c>wasm_foreign_new</c>: it travels through Wasm as an externref.</summary>
internal sealed class Foreign;
