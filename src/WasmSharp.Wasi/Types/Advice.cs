namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>advice</c> (u8). Note: sequential and random are swapped relative to POSIX.</summary>
public enum Advice : byte { Normal = 0, Sequential = 1, Random = 2, WillNeed = 3, DontNeed = 4, NoReuse = 5 }
