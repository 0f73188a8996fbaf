namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>whence</c> (u8). <c>wasi_unstable</c> numbers them differently (cur 0, end 1, set 2).</summary>
public enum Whence : byte { Set = 0, Cur = 1, End = 2 }
