namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>fstflags</c> (u16): which timestamps <c>*_filestat_set_times</c> changes.</summary>
[Flags]
public enum Fstflags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>witx <c>atim</c>.</summary>
    Atim = 1,
    /// <summary>witx <c>atim_now</c>.</summary>
    AtimNow = 2,
    /// <summary>witx <c>mtim</c>.</summary>
    Mtim = 4,
    /// <summary>witx <c>mtim_now</c>.</summary>
    MtimNow = 8,
}
