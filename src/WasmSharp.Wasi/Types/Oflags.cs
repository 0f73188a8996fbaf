namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>oflags</c> (u16): how <c>path_open</c> creates or truncates.</summary>
[Flags]
public enum Oflags : ushort { None = 0, Creat = 1, Directory = 2, Excl = 4, Trunc = 8 }
