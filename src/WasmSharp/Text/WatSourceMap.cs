namespace WasmSharp.Text;

/// <summary>
/// Where the bytes of a module encoded from text came from: each instruction and module field of the binary
/// mapped to its line and column, so a validation error (<see cref="InvalidModuleException.Offset"/>) can be shown
/// at the text the user wrote. Built only when asked (<see cref="Wat.ToBinary(string, bool, out WatSourceMap)"/>).
/// </summary>
public sealed class WatSourceMap
{
    /// <summary>The source offset of bytes that belong to no mapped element (section headers, the type section).</summary>
    internal const int Nowhere = -1;

    private readonly string _text;
    private readonly int[] _offsets;
    private readonly int[] _sources;

    internal WatSourceMap(string text, int[] offsets, int[] sources)
    {
        _text = text;
        _offsets = offsets;
        _sources = sources;
    }

    /// <summary>
    /// The 1-based line and column of the instruction or module field that the binary byte at
    /// <paramref name="binaryOffset"/> belongs to: the last one that starts at or before it. An offset in a
    /// function body after its last instruction (its implicit <c>end</c>) maps to that instruction.
    /// </summary>
    /// <returns>False when the byte was not written for anything in the text (e.g. a section header).</returns>
    public bool TryFind(long binaryOffset, out int line, out int column)
    {
        line = column = 0;
        int i = LastAtOrBefore(binaryOffset);
        if (i < 0 || _sources[i] == Nowhere) return false;
        (line, column) = SourcePosition.Of(_text, _sources[i]);
        return true;
    }

    /// <summary>Index of the last entry whose offset is at most <paramref name="offset"/> (the later of equal ones,
    /// so an end mark overrides an empty else arm that was dropped at the same place), or -1.</summary>
    private int LastAtOrBefore(long offset)
    {
        int lo = 0, hi = _offsets.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_offsets[mid] <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }
}
