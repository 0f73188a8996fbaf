namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>fdflags</c> (u16).</summary>
[Flags]
public enum Fdflags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>witx <c>append</c>.</summary>
    Append = 1,
    /// <summary>witx <c>dsync</c>.</summary>
    Dsync = 2,
    /// <summary>witx <c>nonblock</c>.</summary>
    Nonblock = 4,
    /// <summary>witx <c>rsync</c>.</summary>
    Rsync = 8,
    /// <summary>witx <c>sync</c>.</summary>
    Sync = 16,
}
