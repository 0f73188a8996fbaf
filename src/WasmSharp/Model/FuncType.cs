namespace WasmSharp;

/// <summary>A function type: parameter and result types. Equal types compare equal by value.</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    /// <summary>Parameter types.</summary>
    public ValType[] Params { get; }
    /// <summary>Result types.</summary>
    public ValType[] Results { get; }

    /// <summary>A function type from its parameter and result types.</summary>
    public FuncType(ValType[] parameters, ValType[] results)
    {
        Params = parameters;
        Results = results;
    }

    /// <summary>Structural equality: same parameters and results.</summary>
    public bool Equals(FuncType? other) =>
        other is not null && Params.AsSpan().SequenceEqual(other.Params) && Results.AsSpan().SequenceEqual(other.Results);

    /// <summary>Structural equality.</summary>
    public override bool Equals(object? obj) => Equals(obj as FuncType);

    /// <summary>A hash of the parameter and result types.</summary>
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
