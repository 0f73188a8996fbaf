namespace WasmSharp.Singlepass;

/// <summary>
/// A position in the code that branches can refer to before it is known. A label is a plain
/// handle into a <see cref="LabelTable"/>; it is only meaningful until that table is reset.
/// </summary>
internal readonly struct Label : IEquatable<Label>
{
    /// <summary>1-based so that <c>default(Label)</c> is recognisably invalid.</summary>
    internal readonly int Id;

    internal Label(int id) => Id = id;

    public bool IsValid => Id != 0;

    public bool Equals(Label other) => Id == other.Id;
    public override bool Equals(object? obj) => obj is Label other && Equals(other);
    public override int GetHashCode() => Id;
    public static bool operator ==(Label a, Label b) => a.Id == b.Id;
    public static bool operator !=(Label a, Label b) => a.Id != b.Id;
    public override string ToString() => IsValid ? $"L{Id}" : "L<invalid>";
}
