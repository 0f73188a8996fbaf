namespace WasmSharp.Runtime;

/// <summary>
/// How values of a signature lie in a call's argument/result area: 8 bytes per value, 16 for v128, in order.
/// The entry path from .NET, host functions and Singlepass's calling convention all use this one layout.
/// </summary>
public static class ValueLayout
{
    /// <summary>Bytes a value of <paramref name="t"/> takes in an argument or result buffer.</summary>
    public static int SlotSize(ValType t) => t == ValType.V128 ? 16 : 8;

    /// <summary>Bytes the values of <paramref name="types"/> take.</summary>
    public static int Size(ReadOnlySpan<ValType> types)
    {
        int size = 0;
        foreach (var t in types) size += SlotSize(t);
        return size;
    }

    /// <summary>Byte offset of value <paramref name="index"/> among <paramref name="types"/>.</summary>
    public static int Offset(ReadOnlySpan<ValType> types, int index)
    {
        int size = 0;
        for (int i = 0; i < index; i++) size += SlotSize(types[i]);
        return size;
    }

    /// <summary>Bytes to reserve for a call of <paramref name="type"/>: room for the params and for the results,
    /// rounded up to 16.</summary>
    public static int AreaSize(FuncType type) =>
        (Math.Max(Size(type.Params), Size(type.Results)) + 15) & ~15;
}
