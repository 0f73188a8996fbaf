namespace WasmSharp;

/// <summary>A function type: parameter and result types. Equal types compare equal by value.</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    public ValType[] Params { get; }
    public ValType[] Results { get; }

    public FuncType(ValType[] parameters, ValType[] results)
    {
        Params = parameters;
        Results = results;
    }

    public bool Equals(FuncType? other) =>
        other is not null && Params.AsSpan().SequenceEqual(other.Params) && Results.AsSpan().SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as FuncType);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in Params) h.Add(p);
        h.Add(0xFF);
        foreach (var r in Results) h.Add(r);
        return h.ToHashCode();
    }

    /// <summary>Text form, e.g. <c>(func (param i32 i32) (result i64))</c>.</summary>
    public override string ToString()
    {
        static string List(string kw, ValType[] ts) => ts.Length == 0 ? "" : $" ({kw} {string.Join(' ', ts.Select(t => t.Name()))})";
        return $"(func{List("param", Params)}{List("result", Results)})";
    }
}
