namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>clockid</c> (u32); the numbers equal Linux's clock ids.</summary>
public enum ClockId : uint
{
    /// <summary>witx <c>realtime</c>.</summary>
    Realtime = 0,
    /// <summary>witx <c>monotonic</c>.</summary>
    Monotonic = 1,
    /// <summary>witx <c>process_cputime_id</c>.</summary>
    ProcessCputimeId = 2,
    /// <summary>witx <c>thread_cputime_id</c>.</summary>
    ThreadCputimeId = 3,
}
