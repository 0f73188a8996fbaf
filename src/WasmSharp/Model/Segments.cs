namespace WasmSharp;

/// <summary>When a segment's items are placed.</summary>
public enum SegmentMode : byte
{
    /// <summary>Copied at instantiation, at the segment's offset.</summary>
    Active,
    /// <summary>Copied on demand by <c>memory.init</c> / <c>table.init</c>.</summary>
    Passive,
    /// <summary>Only declares functions for <c>ref.func</c>.</summary>
    Declarative,
}

/// <summary>A module-defined global: its type and initializer.</summary>
public sealed record GlobalDef(GlobalType Type, ConstExpr Init)
{
    /// <summary>Module offset of the global's entry in the global section.</summary>
    public int EntryOffset { get; init; }
}

/// <summary>
/// An element segment. Items are either function indices (<see cref="FunctionIndices"/>, the <c>elemkind</c>
/// encodings) or constant expressions (<see cref="Expressions"/>); one of the two is set.
/// </summary>
public sealed record ElementSegment(SegmentMode Mode, ValType ElemType, uint TableIndex, ConstExpr Offset,
    uint[]? FunctionIndices, ConstExpr[]? Expressions)
{
    /// <summary>Number of items.</summary>
    public int Count => FunctionIndices?.Length ?? Expressions!.Length;

    /// <summary>Module offset of the segment's entry in the element section.</summary>
    public int EntryOffset { get; init; }
}

/// <summary>A data segment; its bytes are a range of the module.</summary>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstExpr Offset, int DataOffset, int DataLength)
{
    /// <summary>Module offset of the segment's entry in the data section.</summary>
    public int EntryOffset { get; init; }
}

/// <summary>A function body (locals and code) as a range of the module's bytes.</summary>
public readonly record struct FunctionBody(int Offset, int Length);

/// <summary>A custom section: its name and the range of its payload.</summary>
public sealed record CustomSection(string Name, int Offset, int Length);
