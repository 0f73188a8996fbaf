using System.Runtime.InteropServices;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>
/// A table of references in native memory: <see cref="VMFuncRef"/> pointers for funcref, store handles for
/// externref; 0 is null. Its <see cref="TableDef"/> never moves, so VM contexts point to it and see growth. It lives
/// as long as its store: once the store is disposed, its members throw <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe class Table
{
    /// <summary>Implementation limit on elements, as in Wasmtime's default.</summary>
    public const uint MaxElements = 10_000_000;

    /// <summary>The store that owns the table.</summary>
    public Store Store { get; }
    internal TableDef* Def { get; }
    /// <summary>Element reference type.</summary>
    public ValType ElemType { get; }
    /// <summary>Maximum size, if limited.</summary>
    public uint? Max { get; }
    /// <summary>Current size in elements.</summary>
    public uint Size
    {
        get
        {
            using var lease = Store.Lease();
            return Def->Count;
        }
    }
    /// <summary>The current type.</summary>
    public TableType Type => new(ElemType, new Limits(Size, Max));

    internal Table(Store store, TableType type, nint init)
    {
        Store = store;
        ElemType = type.ElemType;
        Max = type.Limits.Max;
        if (type.Limits.Min > MaxElements)
            throw new ResourceLimitException($"a table of {type.Limits.Min} elements is over the implementation limit of {MaxElements}");
        store.AdmitTable(type.Limits);
        nint elements = TryAllocate(Math.Max(type.Limits.Min, 1u))
            ?? throw new ResourceLimitException($"out of memory for a table of {type.Limits.Min} elements");
        Def = (TableDef*)store.AllocateNative(sizeof(TableDef));
        Def->Elements = (nint*)elements;
        Def->Count = type.Limits.Min;
        store.Native.AddTable(Def);
        store.Track(this);
        new Span<nint>(Def->Elements, (int)Def->Count).Fill(init);
    }

    /// <summary>Native memory for <paramref name="count"/> elements, or null when there is none to be had.</summary>
    private static nint? TryAllocate(ulong count)
    {
        try
        {
            return (nint)NativeMemory.Alloc((nuint)(count * (ulong)sizeof(nint)));
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
    }

    internal nint GetRaw(uint i) => i < Def->Count ? Def->Elements[i] : throw new TrapException(TrapKind.OutOfBoundsTableAccess);

    internal void SetRaw(uint i, nint v)
    {
        if (i >= Def->Count) throw new TrapException(TrapKind.OutOfBoundsTableAccess);
        Def->Elements[i] = v;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="init"/>; returns the old size or -1
    /// (over the maximum, denied by the store's <see cref="Store.Limiter"/>, out of memory). <paramref name="fromWasm"/>:
    /// table.grow under a running call, where nothing may throw (see <see cref="Store.AllowsTableGrowth"/>).</summary>
    internal int GrowRaw(uint delta, nint init, bool fromWasm)
    {
        uint old = Def->Count;
        ulong target = (ulong)old + delta;
        if (target > (Max ?? uint.MaxValue) || target > MaxElements) return -1;
        if (delta == 0) return (int)old;
        if (!Store.AllowsTableGrowth(old, (uint)target, Max, fromWasm)) return -1;
        try
        {
            Def->Elements = (nint*)NativeMemory.Realloc(Def->Elements, (nuint)(target * (ulong)sizeof(nint)));
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }
        new Span<nint>(Def->Elements + old, (int)delta).Fill(init);
        Def->Count = (uint)target;
        return (int)old;
    }

    /// <summary>The element at <paramref name="index"/>; out of bounds throws.</summary>
    public Value Get(uint index)
    {
        using var lease = Store.Lease();
        return Store.RefToValue(GetRaw(index), ElemType);
    }

    /// <summary>Sets the element at <paramref name="index"/>; out of bounds or a wrong type throws.</summary>
    public void Set(uint index, Value value)
    {
        using var lease = Store.Lease();
        SetRaw(index, Store.ValueToRef(value, ElemType));
    }

    /// <summary>Grows by <paramref name="delta"/> elements; returns the old size, or -1 when it cannot.</summary>
    public int Grow(uint delta, Value init)
    {
        using var lease = Store.Lease();
        return GrowRaw(delta, Store.ValueToRef(init, ElemType), fromWasm: false);
    }

    /// <summary>The element count, for operations that already run under a call or lease.</summary>
    internal uint Count => Def->Count;

    internal Span<nint> Elements => new(Def->Elements, (int)Def->Count);
}
