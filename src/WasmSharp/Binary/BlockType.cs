namespace WasmSharp.Binary;

/// <summary>A block type: empty, one value type, or a function type index (multi-value).</summary>
public readonly struct BlockType
{
    public enum Kinds : byte { Empty, Value, TypeIndex }

    public readonly Kinds Kind;
    public readonly ValType ValType;
    public readonly uint TypeIndex;

    private BlockType(Kinds kind, ValType valType, uint typeIndex)
    {
        Kind = kind;
        ValType = valType;
        TypeIndex = typeIndex;
    }

    public static BlockType Empty => default;
    public static BlockType Value(ValType t) => new(Kinds.Value, t, 0);
    public static BlockType Index(uint i) => new(Kinds.TypeIndex, 0, i);
}
