namespace WasmSharp;

/// <summary>The kinds of import and export.</summary>
public enum ExternKind : byte { Func = 0, Table = 1, Memory = 2, Global = 3 }

public readonly record struct TableType(ValType ElemType, Limits Limits)
{
    public override string ToString() => $"(table {Limits} {ElemType.Name()})";
}

public readonly record struct MemoryType(Limits Limits)
{
    /// <summary>The 2.0 ceiling: 65536 pages of 64 KiB = 4 GiB.</summary>
    public const uint MaxPages = 65536;
    public const int PageSize = 65536;
    public override string ToString() => $"(memory {Limits})";
}

public readonly record struct GlobalType(ValType ValType, bool Mutable)
{
    public override string ToString() => Mutable ? $"(mut {ValType.Name()})" : ValType.Name();
}
