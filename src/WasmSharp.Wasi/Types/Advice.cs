namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>advice</c> (u8). Note: sequential and random are swapped relative to POSIX.</summary>
public enum Advice : byte
{
    /// <summary>witx <c>normal</c>.</summary>
    Normal = 0,
    /// <summary>witx <c>sequential</c>.</summary>
    Sequential = 1,
    /// <summary>witx <c>random</c>.</summary>
    Random = 2,
    /// <summary>witx <c>will_need</c>.</summary>
    WillNeed = 3,
    /// <summary>witx <c>dont_need</c>.</summary>
    DontNeed = 4,
    /// <summary>witx <c>no_reuse</c>.</summary>
    NoReuse = 5,
}
