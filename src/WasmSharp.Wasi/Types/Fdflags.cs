namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>fdflags</c> (u16).</summary>
[Flags]
public enum Fdflags : ushort { None = 0, Append = 1, Dsync = 2, Nonblock = 4, Rsync = 8, Sync = 16 }
