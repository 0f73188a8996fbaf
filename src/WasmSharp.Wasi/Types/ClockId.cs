namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>clockid</c> (u32); the numbers equal Linux's clock ids.</summary>
public enum ClockId : uint { Realtime = 0, Monotonic = 1, ProcessCputimeId = 2, ThreadCputimeId = 3 }
