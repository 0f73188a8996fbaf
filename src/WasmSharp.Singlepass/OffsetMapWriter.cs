namespace WasmSharp.Singlepass;

/// <summary>
/// Builds a module's <see cref="OffsetMap"/> while its functions are compiled: for each function, the (native code
/// offset, Wasm byte offset) pairs of its call and trap sites, in code order. Each pair is two LEB128 deltas from the
/// previous one, so a typical site takes two or three bytes. One growable buffer serves the whole module: adding a
/// site allocates nothing once it has grown to size.
/// </summary>
internal sealed class OffsetMapWriter
{
    private byte[] _bytes = new byte[256];
    private int _length;
    private int[] _starts = new int[16];
    private int _functions;
    private int _lastNative;
    private int _lastWasm;

    /// <summary>Starts the sites of the next function (functions come in order of their defined index).</summary>
    public void BeginFunction()
    {
        if (_functions == _starts.Length) Array.Resize(ref _starts, _functions * 2);
        _starts[_functions++] = _length;
        _lastNative = 0;
        _lastWasm = 0;
    }

    /// <summary>Records that code from <paramref name="nativeOffset"/> (from the function's start; never below the
    /// previous site's) up to the next site belongs to the Wasm instruction at <paramref name="wasmOffset"/>.</summary>
    public void Add(int nativeOffset, int wasmOffset)
    {
        if (_functions == 0) throw new InvalidOperationException("no function begun");
        if (nativeOffset < _lastNative)
            throw new InvalidOperationException($"site at native offset {nativeOffset} recorded after one at {_lastNative}");
        if (_bytes.Length - _length < 10) Array.Resize(ref _bytes, _bytes.Length * 2);
        _length = Leb.WriteUnsigned(_bytes, _length, (uint)(nativeOffset - _lastNative));
        _length = Leb.WriteSigned(_bytes, _length, wasmOffset - _lastWasm);
        _lastNative = nativeOffset;
        _lastWasm = wasmOffset;
    }

    /// <summary>The finished map of the functions begun so far.</summary>
    public OffsetMap ToMap() => new(_bytes.AsSpan(0, _length).ToArray(), _starts.AsSpan(0, _functions).ToArray());
}
