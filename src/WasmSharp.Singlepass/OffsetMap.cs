namespace WasmSharp.Singlepass;

/// <summary>
/// Where each call and trap site of a module's code comes from in the Wasm binary, for backtraces: per function, a
/// run of (native offset, Wasm offset) pairs written by <see cref="OffsetMapWriter"/>. A code address maps to the
/// last site at or before it, which is the site holding it (a site's code ends where the next site's begins, and
/// only site addresses are ever looked up: a fault, a trap stub's call, or a return address less one).
/// </summary>
internal sealed class OffsetMap
{
    /// <summary>The pairs: an array when compiled here, a slice of the artifact's mapping when loaded from a file
    /// (kept by the module until its code is freed: no lookup can come after that).</summary>
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int[] _starts;

    internal OffsetMap(ReadOnlyMemory<byte> bytes, int[] starts)
    {
        _bytes = bytes;
        _starts = starts;
    }

    /// <summary>The encoded pairs of every function, back to back.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>Where each function's pairs start in <see cref="Bytes"/>.</summary>
    internal ReadOnlySpan<int> Starts => _starts;

    /// <summary>The module offset of the Wasm instruction whose code holds <paramref name="nativeOffset"/> (from
    /// the start of defined function <paramref name="definedIndex"/>), or -1 when no site lies at or before it, or
    /// when the function's pairs do not decode (a damaged artifact's map: the offset is then unknown, never wrong).</summary>
    public int WasmOffset(int definedIndex, int nativeOffset)
    {
        if ((uint)definedIndex >= (uint)_starts.Length) return -1;
        int pos = _starts[definedIndex];
        int end = definedIndex + 1 < _starts.Length ? _starts[definedIndex + 1] : _bytes.Length;
        int result = Find(_bytes.Span.Slice(pos, end - pos), nativeOffset);
        GC.KeepAlive(this); // keeps the mapping the span points into
        return result;
    }

    private static int Find(ReadOnlySpan<byte> pairs, int nativeOffset)
    {
        int at = 0, native = 0, wasm = 0, found = -1;
        while (at < pairs.Length)
        {
            if (!Leb.TryReadUnsigned(pairs, ref at, out uint nativeDelta) || !Leb.TryReadSigned(pairs, ref at, out int wasmDelta))
                return -1;
            native += (int)nativeDelta;
            wasm += wasmDelta;
            if (native > nativeOffset) break;
            found = wasm;
        }
        return found;
    }

    /// <summary>Reads a map saved as <see cref="Bytes"/> and <see cref="Starts"/>, checking that the starts are in
    /// order and inside the bytes, so a lookup stays inside the map. The pairs are not decoded here (a large module has
    /// millions; a warm start would spend most of its time on them): a lookup decodes its function's pairs with
    /// checks, and a pair that does not decode makes the offset unknown.</summary>
    internal static OffsetMap Load(ReadOnlyMemory<byte> bytes, int[] starts)
    {
        for (int i = 0; i < starts.Length; i++)
            if (starts[i] < (i == 0 ? 0 : starts[i - 1]) || starts[i] > bytes.Length)
                throw new Artifacts.ArtifactException("artifact offset map has a function start outside it");
        return new OffsetMap(bytes, starts);
    }
}
