namespace WasmSharp.Text;

/// <summary>A function type <c>[params] -> [results]</c>, compared structurally.</summary>
internal sealed class FuncType(ValType[] parameters, ValType[] results)
{
    public static readonly FuncType Empty = new([], []);

    public ValType[] Params { get; } = parameters;
    public ValType[] Results { get; } = results;

    public bool Matches(ReadOnlySpan<ValType> parameters, ReadOnlySpan<ValType> results) =>
        Params.AsSpan().SequenceEqual(parameters) && Results.AsSpan().SequenceEqual(results);

    public void Encode(ByteWriter w)
    {
        w.Byte(0x60);
        w.U32((uint)Params.Length);
        foreach (var t in Params) w.Byte((byte)t);
        w.U32((uint)Results.Length);
        foreach (var t in Results) w.Byte((byte)t);
    }
}
