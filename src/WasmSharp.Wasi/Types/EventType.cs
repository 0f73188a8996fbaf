namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>eventtype</c> (u8): the kind of a <c>poll_oneoff</c> subscription.</summary>
public enum EventType : byte { Clock = 0, FdRead = 1, FdWrite = 2 }
