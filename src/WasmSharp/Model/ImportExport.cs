namespace WasmSharp;

/// <summary>An import. Exactly one descriptor applies, by <see cref="Kind"/>.</summary>
public sealed record Import(string Module, string Name, ExternKind Kind, uint FuncTypeIndex = 0,
    TableType Table = default, MemoryType Memory = default, GlobalType Global = default)
{
    /// <summary>Module offset of the import's entry in the import section (where a validation error about it is
    /// reported).</summary>
    public int Offset { get; init; }
}

/// <summary>An export: its name, kind, and index in that kind's index space.</summary>
public sealed record Export(string Name, ExternKind Kind, uint Index)
{
    /// <summary>Module offset of the export's entry in the export section.</summary>
    public int Offset { get; init; }
}
