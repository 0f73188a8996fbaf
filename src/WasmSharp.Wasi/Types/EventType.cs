namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>eventtype</c> (u8): the kind of a <c>poll_oneoff</c> subscription.</summary>
public enum EventType : byte
{
    /// <summary>witx <c>clock</c>.</summary>
    Clock = 0,
    /// <summary>witx <c>fd_read</c>.</summary>
    FdRead = 1,
    /// <summary>witx <c>fd_write</c>.</summary>
    FdWrite = 2,
}
