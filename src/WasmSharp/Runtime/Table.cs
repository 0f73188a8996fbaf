using System.Runtime.InteropServices;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>
/// A table of references in native memory: <see cref="VMFuncRef"/> pointers for funcref, store handles for
/// externref; 0 is null. Its <see cref="TableDef"/> never moves, so VM contexts point to it and see growth.
/// </summary>
public sealed unsafe class Table
{
    /// <summary>Implementation limit on elements, as in Wasmtime's default.</summary>
    public const uint MaxElements = 10_000_000;

    private readonly Store _store;
    internal TableDef* Def { get; }
    public ValType ElemType { get; }
    public uint? Max { get; }
    public uint Size => Def->Count;
    public TableType Type => new(ElemType, new Limits(Size, Max));

    internal Table(Store store, TableType type, nint init)
    {
        _store = store;
        ElemType = type.ElemType;
        Max = type.Limits.Max;
        Def = (TableDef*)store.AllocateNative(sizeof(TableDef));
        if (type.Limits.Min > MaxElements) throw new OutOfMemoryException($"table of {type.Limits.Min} elements exceeds the limit of {MaxElements}");
        Def->Elements = (nint*)NativeMemory.AllocZeroed(Math.Max(type.Limits.Min, 1u), (nuint)sizeof(nint));
        Def->Count = type.Limits.Min;
        new Span<nint>(Def->Elements, (int)Def->Count).Fill(init);
        store.OnDispose(() => NativeMemory.Free(Def->Elements));
    }

    internal nint GetRaw(uint i) => i < Def->Count ? Def->Elements[i] : throw new TrapException(TrapKind.OutOfBoundsTableAccess);

    internal void SetRaw(uint i, nint v)
    {
        if (i >= Def->Count) throw new TrapException(TrapKind.OutOfBoundsTableAccess);
        Def->Elements[i] = v;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="init"/>; returns the old size or -1.</summary>
    internal int GrowRaw(uint delta, nint init)
    {
        uint old = Def->Count;
        ulong target = (ulong)old + delta;
        if (target > (Max ?? uint.MaxValue) || target > MaxElements) return -1;
        if (delta == 0) return (int)old;
        Def->Elements = (nint*)NativeMemory.Realloc(Def->Elements, (nuint)(target * (ulong)sizeof(nint)));
        new Span<nint>(Def->Elements + old, (int)delta).Fill(init);
        Def->Count = (uint)target;
        return (int)old;
    }

    public Value Get(uint index) => _store.RefToValue(GetRaw(index), ElemType);

    public void Set(uint index, Value value) => SetRaw(index, _store.ValueToRef(value, ElemType));

    public int Grow(uint delta, Value init) => GrowRaw(delta, _store.ValueToRef(init, ElemType));

    internal Span<nint> Elements => new(Def->Elements, (int)Def->Count);
}
