namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>lookupflags</c> (u32).</summary>
[Flags]
public enum Lookupflags : uint { None = 0, SymlinkFollow = 1 }
