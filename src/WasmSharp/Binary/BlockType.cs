namespace WasmSharp.Binary;

/// <summary>A block type: empty, one value type, or a function type index (multi-value).</summary>
public readonly struct BlockType
{
    /// <summary>The three forms of a block type.</summary>
    public enum Kinds : byte
    {
        /// <summary>No results.</summary>
        Empty,
        /// <summary>One result type.</summary>
        Value,
        /// <summary>A function type index.</summary>
        TypeIndex,
    }

    /// <summary>Which of the three forms this is.</summary>
    public readonly Kinds Kind;
    /// <summary>The single result type (form <see cref="Kinds.Value"/>).</summary>
    public readonly ValType ValType;
    /// <summary>The function type index (form <see cref="Kinds.TypeIndex"/>).</summary>
    public readonly uint TypeIndex;

    private BlockType(Kinds kind, ValType valType, uint typeIndex)
    {
        Kind = kind;
        ValType = valType;
        TypeIndex = typeIndex;
    }

    /// <summary>No parameters, no results.</summary>
    public static BlockType Empty => default;
    /// <summary>One result of type <paramref name="t"/>.</summary>
    public static BlockType Value(ValType t) => new(Kinds.Value, t, 0);
    /// <summary>Parameters and results of the function type at index <paramref name="i"/>.</summary>
    public static BlockType Index(uint i) => new(Kinds.TypeIndex, 0, i);
}
