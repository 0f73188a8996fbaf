namespace WasmSharp.Text;

/// <summary>One index space (funcs, tables, ...): how many entries and which <c>$id</c> names which index.</summary>
internal sealed class IndexSpace(string kind)
{
    private readonly Dictionary<string, uint> _names = new(StringComparer.Ordinal);
    private Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> Lookup => _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Kind { get; } = kind;
    public uint Count { get; private set; }

    /// <summary>Adds the next index, binding <paramref name="id"/> to it if given; false if the id is taken.</summary>
    public bool TryDefine(ReadOnlySpan<char> id, out uint index)
    {
        index = Count++;
        return id.IsEmpty || Lookup.TryAdd(id, index);
    }

    public bool TryResolve(ReadOnlySpan<char> id, out uint index) => Lookup.TryGetValue(id, out index);

    /// <summary>Every bound <c>$id</c> with its index, the <c>$</c> dropped (the name section's form).</summary>
    public IEnumerable<(uint Index, string Name)> Names() => _names.Select(n => (n.Value, n.Key.TrimStart('$')));

    public void Clear()
    {
        _names.Clear();
        Count = 0;
    }
}
