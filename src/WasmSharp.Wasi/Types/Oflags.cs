namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>oflags</c> (u16): how <c>path_open</c> creates or truncates.</summary>
[Flags]
public enum Oflags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>witx <c>creat</c>.</summary>
    Creat = 1,
    /// <summary>witx <c>directory</c>.</summary>
    Directory = 2,
    /// <summary>witx <c>excl</c>.</summary>
    Excl = 4,
    /// <summary>witx <c>trunc</c>.</summary>
    Trunc = 8,
}
