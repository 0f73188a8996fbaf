namespace WasmSharp;

/// <summary>The kinds of import and export.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Func = 0,
    /// <summary>A table.</summary>
    Table = 1,
    /// <summary>A memory.</summary>
    Memory = 2,
    /// <summary>A global.</summary>
    Global = 3,
}

/// <summary>A table type: element reference type and size limits (in elements).</summary>
public readonly record struct TableType(ValType ElemType, Limits Limits)
{
    /// <summary>The WAT form.</summary>
    public override string ToString() => $"(table {Limits} {ElemType.Name()})";
}

/// <summary>A memory type: size limits in 64 KiB pages.</summary>
public readonly record struct MemoryType(Limits Limits)
{
    /// <summary>The 2.0 ceiling: 65536 pages of 64 KiB = 4 GiB.</summary>
    public const uint MaxPages = 65536;
    /// <summary>Bytes per page.</summary>
    public const int PageSize = 65536;
    /// <summary>The WAT form.</summary>
    public override string ToString() => $"(memory {Limits})";
}

/// <summary>A global type: value type and mutability.</summary>
public readonly record struct GlobalType(ValType ValType, bool Mutable)
{
    /// <summary>The WAT form.</summary>
    public override string ToString() => Mutable ? $"(mut {ValType.Name()})" : ValType.Name();
}
