namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>lookupflags</c> (u32).</summary>
[Flags]
public enum Lookupflags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>witx <c>symlink_follow</c>.</summary>
    SymlinkFollow = 1,
}
