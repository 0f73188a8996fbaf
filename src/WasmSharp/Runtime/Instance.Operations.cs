using WasmSharp.Runtime;

namespace WasmSharp;

// The bulk-memory and table operations, shared by instantiation and by compiled code (through Libcalls).
// Each returns the trap it hits, or None; bounds are checked before anything is written. They run under a call (or
// an instantiation) that holds the store, and must not throw: use the memory's *InCall members.
public sealed unsafe partial class Instance
{
    internal TrapKind MemoryInit(uint segment, uint dst, uint src, uint n)
    {
        var seg = Module.Info.Data[(int)segment];
        ulong length = _dataDropped[segment] ? 0UL : (ulong)seg.DataLength;
        if ((ulong)src + n > length || Memory is null || (ulong)dst + n > Memory.LengthInCall) return TrapKind.OutOfBoundsMemoryAccess;
        Module.Info.Bytes.AsSpan(seg.DataOffset + (int)src, (int)n).CopyTo(new Span<byte>(Memory.BaseInCall + dst, (int)n));
        return TrapKind.None;
    }

    internal void DataDrop(uint segment) => _dataDropped[segment] = true;

    internal TrapKind MemoryFill(uint dst, byte value, uint n)
    {
        if ((ulong)dst + n > Memory!.LengthInCall) return TrapKind.OutOfBoundsMemoryAccess;
        new Span<byte>(Memory.BaseInCall + dst, (int)n).Fill(value);
        return TrapKind.None;
    }

    internal TrapKind MemoryCopy(uint dst, uint src, uint n)
    {
        ulong len = Memory!.LengthInCall;
        if ((ulong)dst + n > len || (ulong)src + n > len) return TrapKind.OutOfBoundsMemoryAccess;
        // Span.CopyTo handles overlap like memmove
        new Span<byte>(Memory.BaseInCall + src, (int)n).CopyTo(new Span<byte>(Memory.BaseInCall + dst, (int)n));
        return TrapKind.None;
    }

    internal int MemoryGrow(uint delta) => Memory!.GrowInCall(delta);

    internal TrapKind TableInit(uint table, uint segment, uint dst, uint src, uint n)
    {
        var items = _elements[segment] ?? [];
        var t = _tables[table];
        if ((ulong)src + n > (ulong)items.Length || (ulong)dst + n > t.Count) return TrapKind.OutOfBoundsTableAccess;
        items.AsSpan((int)src, (int)n).CopyTo(t.Elements[(int)dst..]);
        return TrapKind.None;
    }

    internal void ElemDrop(uint segment) => _elements[segment] = null;

    internal TrapKind TableCopy(uint dstTable, uint srcTable, uint dst, uint src, uint n)
    {
        var d = _tables[dstTable];
        var s = _tables[srcTable];
        if ((ulong)src + n > s.Count || (ulong)dst + n > d.Count) return TrapKind.OutOfBoundsTableAccess;
        s.Elements.Slice((int)src, (int)n).CopyTo(d.Elements[(int)dst..]);
        return TrapKind.None;
    }

    internal TrapKind TableFill(uint table, uint dst, nint value, uint n)
    {
        var t = _tables[table];
        if ((ulong)dst + n > t.Count) return TrapKind.OutOfBoundsTableAccess;
        t.Elements.Slice((int)dst, (int)n).Fill(value);
        return TrapKind.None;
    }

    internal int TableGrow(uint table, nint init, uint delta) => _tables[table].GrowRaw(delta, init, fromWasm: true);
}
