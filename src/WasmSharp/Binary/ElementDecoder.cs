namespace WasmSharp.Binary;

/// <summary>Decodes the element section's eight segment encodings (flags 0-7).</summary>
internal static class ElementDecoder
{
    public static void Read(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount();
        for (int i = 0; i < n; i++) m.Elements.Add(ReadSegment(ref r));
    }

    private static ElementSegment ReadSegment(ref WasmReader r)
    {
        int at = r.Offset;
        uint flags = r.ReadU32();
        if (flags > 7) throw r.Malformed("malformed elements segment kind", at);
        // bit 0: passive/declarative (else active); bit 1: explicit table index (active) or declarative;
        // bit 2: items are expressions (else function indices)
        bool notActive = (flags & 1) != 0;
        bool bit1 = (flags & 2) != 0;
        bool exprs = (flags & 4) != 0;
        var mode = !notActive ? SegmentMode.Active : bit1 ? SegmentMode.Declarative : SegmentMode.Passive;
        uint table = 0;
        ConstExpr offset = default;
        if (mode == SegmentMode.Active)
        {
            if (bit1) table = r.ReadU32();
            offset = ModuleDecoder.ReadConstExpr(ref r);
        }
        ValType elemType = ValType.FuncRef;
        // flags 0 and 4 imply funcref; the others state an elemkind (0x00 = funcref) or a reftype
        if (flags is not 0 and not 4)
        {
            if (exprs) elemType = ModuleDecoder.ReadRefType(ref r);
            else if (r.ReadByte() != 0x00) throw r.Malformed("malformed element kind", r.Offset - 1);
        }
        int count = r.ReadCount();
        if (exprs)
        {
            var items = new ConstExpr[count];
            for (int k = 0; k < count; k++) items[k] = ModuleDecoder.ReadConstExpr(ref r);
            return new ElementSegment(mode, elemType, table, offset, null, items) { EntryOffset = at };
        }
        var funcs = new uint[count];
        for (int k = 0; k < count; k++) funcs[k] = r.ReadU32();
        return new ElementSegment(mode, elemType, table, offset, funcs, null) { EntryOffset = at };
    }

    /// <summary>Module offset of function index <paramref name="item"/> of a segment of function indices, read again
    /// from the segment's entry (only an error needs it, so the decoder keeps no offset per item).</summary>
    public static int FunctionIndexOffset(ModuleInfo m, ElementSegment e, int item)
    {
        var r = new WasmReader(m.Bytes.AsSpan(e.EntryOffset), e.EntryOffset);
        uint flags = r.ReadU32();
        if (e.Mode == SegmentMode.Active)
            r = new WasmReader(m.Bytes.AsSpan(e.Offset.Offset + e.Offset.Length), e.Offset.Offset + e.Offset.Length);
        if (flags is not 0 and not 4) r.ReadByte(); // the elemkind
        r.ReadU32(); // the count
        for (int k = 0; k < item; k++) r.ReadU32();
        return r.Offset;
    }
}
