namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>fstflags</c> (u16): which timestamps <c>*_filestat_set_times</c> changes.</summary>
[Flags]
public enum Fstflags : ushort { None = 0, Atim = 1, AtimNow = 2, Mtim = 4, MtimNow = 8 }
