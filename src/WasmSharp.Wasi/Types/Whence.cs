namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>whence</c> (u8). <c>wasi_unstable</c> numbers them differently (cur 0, end 1, set 2).</summary>
public enum Whence : byte
{
    /// <summary>witx <c>set</c>.</summary>
    Set = 0,
    /// <summary>witx <c>cur</c>.</summary>
    Cur = 1,
    /// <summary>witx <c>end</c>.</summary>
    End = 2,
}
