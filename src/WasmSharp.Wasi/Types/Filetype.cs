namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>filetype</c> (u8).</summary>
public enum Filetype : byte
{
    /// <summary>witx <c>unknown</c>.</summary>
    Unknown = 0,
    /// <summary>witx <c>block_device</c>.</summary>
    BlockDevice = 1,
    /// <summary>witx <c>character_device</c>.</summary>
    CharacterDevice = 2,
    /// <summary>witx <c>directory</c>.</summary>
    Directory = 3,
    /// <summary>witx <c>regular_file</c>.</summary>
    RegularFile = 4,
    /// <summary>witx <c>socket_dgram</c>.</summary>
    SocketDgram = 5,
    /// <summary>witx <c>socket_stream</c>.</summary>
    SocketStream = 6,
    /// <summary>witx <c>symbolic_link</c>.</summary>
    SymbolicLink = 7,
}
