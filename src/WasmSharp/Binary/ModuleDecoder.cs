namespace WasmSharp.Binary;

/// <summary>
/// Decodes a binary module into a <see cref="ModuleInfo"/>. It checks everything the binary format itself
/// demands (malformed) and leaves type rules to the validator (invalid). Function bodies are not walked here:
/// they are recorded as ranges and read once, by the validator or a compiler.
/// </summary>
public static class ModuleDecoder
{
    private const uint Magic = 0x6D736100; // "\0asm"
    private const uint Version = 1;

    /// <summary>Decodes a binary module (every section, bodies checked lazily by the validator); throws <see cref="MalformedModuleException"/>.</summary>
    public static ModuleInfo Decode(byte[] bytes) => Decode(bytes, deferData: false);

    /// <summary>Decodes a binary module; with <paramref name="deferData"/>, the data segments are only counted, and
    /// decoded when <see cref="ModuleInfo.Data"/> is first read (for modules loaded from checked artifacts).</summary>
    internal static ModuleInfo Decode(byte[] bytes, bool deferData)
    {
        var module = new ModuleInfo(bytes);
        var r = new WasmReader(bytes);
        ReadHeader(ref r);
        int lastOrder = 0;
        uint? functionCount = null;
        // where the sections whose counts must agree start, for the error when they do not
        int functionSection = 0, dataCountSection = 0;
        while (!r.AtEnd)
        {
            int idOffset = r.Offset;
            byte id = r.ReadByte();
            if (id > (byte)SectionId.DataCount) throw new MalformedModuleException("malformed section id", idOffset);
            uint size = r.ReadU32();
            if (size > (uint)r.Remaining) throw r.Malformed("length out of bounds");
            int start = r.Offset;
            var section = new WasmReader(r.ReadBytes((int)size), start, "unexpected end of section or function");
            if (id != (byte)SectionId.Custom)
            {
                int order = Order((SectionId)id);
                if (order <= lastOrder) throw new MalformedModuleException("unexpected content after last section", idOffset);
                lastOrder = order;
            }
            if (id == (byte)SectionId.Function) functionSection = idOffset;
            else if (id == (byte)SectionId.DataCount) dataCountSection = idOffset;
            if (deferData && id == (byte)SectionId.Data) DeferData(module, ref section);
            else ReadSection(module, (SectionId)id, ref section, ref functionCount);
            if (!section.AtEnd) throw section.Malformed("section size mismatch");
        }
        if ((functionCount ?? 0) != (uint)module.Bodies.Count)
            throw new MalformedModuleException("function and code section have inconsistent lengths", functionCount is null ? module.CodeSectionOffset : functionSection);
        if (module.DataCount is { } dc && dc != (uint)module.DataSegmentCount)
            throw new MalformedModuleException("data count and data section have inconsistent lengths", dataCountSection);
        return module;
    }

    private static void ReadHeader(ref WasmReader r)
    {
        if (r.Remaining < 4 || r.ReadFixedU32() != Magic) throw new MalformedModuleException("magic header not detected", 0);
        if (r.Remaining < 4 || r.ReadFixedU32() != Version) throw new MalformedModuleException("unknown binary version", 4);
    }

    /// <summary>The data count section sits between element and code.</summary>
    private static int Order(SectionId id) => id switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)id,
    };

    private static void ReadSection(ModuleInfo m, SectionId id, ref WasmReader r, ref uint? functionCount)
    {
        switch (id)
        {
            case SectionId.Custom: ReadCustom(m, ref r); break;
            case SectionId.Type: ReadTypes(m, ref r); break;
            case SectionId.Import: ReadImports(m, ref r); break;
            case SectionId.Function:
                functionCount = ReadFunctions(m, ref r);
                break;
            case SectionId.Table:
                for (int n = r.ReadCount(), i = 0; i < n; i++)
                {
                    m.TableOffsets.Add(r.Offset);
                    m.Tables.Add(ReadTableType(ref r));
                }
                break;
            case SectionId.Memory:
                for (int n = r.ReadCount(), i = 0; i < n; i++)
                {
                    m.MemoryOffsets.Add(r.Offset);
                    m.Memories.Add(new MemoryType(ReadLimits(ref r)));
                }
                break;
            case SectionId.Global: ReadGlobals(m, ref r); break;
            case SectionId.Export: ReadExports(m, ref r); break;
            case SectionId.Start:
                m.StartOffset = r.Offset;
                m.StartFunction = r.ReadU32();
                break;
            case SectionId.Element: ElementDecoder.Read(m, ref r); break;
            case SectionId.DataCount: m.DataCount = r.ReadU32(); break;
            case SectionId.Code: ReadCode(m, ref r); break;
            case SectionId.Data: ReadData(m.Data, ref r); break;
        }
    }

    private static void ReadCustom(ModuleInfo m, ref WasmReader r)
    {
        string name = r.ReadName();
        int offset = r.Offset;
        int length = r.Remaining;
        r.Skip(length);
        m.CustomSections.Add(new CustomSection(name, offset, length));
        if (name == "name") m.Names = NameSectionDecoder.TryRead(m.Bytes.AsSpan(offset, length), offset);
    }

    /// <summary>Implementation limit on a function type's params and on its results (as in V8), which keeps
    /// per-branch and per-call work bounded.</summary>
    public const int MaxFunctionParamsOrResults = 1000;

    private static void ReadTypes(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount(3);
        for (int i = 0; i < n; i++)
        {
            if (r.ReadByte() != 0x60) throw r.Malformed("malformed function type", r.Offset - 1);
            int at = r.Offset;
            var ps = ReadValTypes(ref r);
            var rs = ReadValTypes(ref r);
            if (ps.Length > MaxFunctionParamsOrResults || rs.Length > MaxFunctionParamsOrResults)
                throw new InvalidModuleException($"function type with {ps.Length} params and {rs.Length} results exceeds the implementation limit of {MaxFunctionParamsOrResults}", at);
            m.Types.Add(new FuncType(ps, rs));
        }
    }

    private static ValType[] ReadValTypes(ref WasmReader r)
    {
        int n = r.ReadCount();
        if (n == 0) return [];
        var ts = new ValType[n];
        for (int i = 0; i < n; i++) ts[i] = ReadValType(ref r);
        return ts;
    }

    internal static ValType ReadValType(ref WasmReader r)
    {
        byte b = r.ReadByte();
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F => (ValType)b,
            _ => throw r.Malformed("malformed value type", r.Offset - 1),
        };
    }

    internal static ValType ReadRefType(ref WasmReader r)
    {
        byte b = r.ReadByte();
        return b is 0x70 or 0x6F ? (ValType)b : throw r.Malformed("malformed reference type", r.Offset - 1);
    }

    private static Limits ReadLimits(ref WasmReader r)
    {
        // the flag is a byte, not a LEB128 integer
        int at = r.Offset;
        byte flag = r.ReadByte();
        if ((flag & 0x80) != 0) throw r.Malformed("integer representation too long", at);
        if (flag > 1) throw r.Malformed("integer too large", at);
        uint min = r.ReadU32();
        return flag == 1 ? new Limits(min, r.ReadU32()) : new Limits(min, null);
    }

    private static TableType ReadTableType(ref WasmReader r)
    {
        var t = ReadRefType(ref r);
        return new TableType(t, ReadLimits(ref r));
    }

    private static GlobalType ReadGlobalType(ref WasmReader r)
    {
        var t = ReadValType(ref r);
        byte mut = r.ReadByte();
        if (mut > 1) throw r.Malformed("malformed mutability", r.Offset - 1);
        return new GlobalType(t, mut == 1);
    }

    private static void ReadImports(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount(4);
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            string module = r.ReadName();
            string name = r.ReadName();
            byte kind = r.ReadByte();
            switch (kind)
            {
                case 0:
                    uint type = r.ReadU32();
                    m.Imports.Add(new Import(module, name, ExternKind.Func, FuncTypeIndex: type) { Offset = at });
                    m.Functions.Add(type);
                    m.ImportedFunctionCount++;
                    break;
                case 1:
                    var tt = ReadTableType(ref r);
                    m.Imports.Add(new Import(module, name, ExternKind.Table, Table: tt) { Offset = at });
                    m.Tables.Add(tt);
                    m.TableOffsets.Add(at);
                    m.ImportedTableCount++;
                    break;
                case 2:
                    var mt = new MemoryType(ReadLimits(ref r));
                    m.Imports.Add(new Import(module, name, ExternKind.Memory, Memory: mt) { Offset = at });
                    m.Memories.Add(mt);
                    m.MemoryOffsets.Add(at);
                    m.ImportedMemoryCount++;
                    break;
                case 3:
                    var gt = ReadGlobalType(ref r);
                    m.Imports.Add(new Import(module, name, ExternKind.Global, Global: gt) { Offset = at });
                    m.Globals.Add(gt);
                    m.ImportedGlobalCount++;
                    break;
                default:
                    throw r.Malformed("malformed import kind", r.Offset - 1);
            }
        }
    }

    private static uint ReadFunctions(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount();
        m.FunctionSectionOffset = r.Offset;
        for (int i = 0; i < n; i++) m.Functions.Add(r.ReadU32());
        return (uint)n;
    }

    private static void ReadGlobals(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount(3);
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            var gt = ReadGlobalType(ref r);
            m.Globals.Add(gt);
            m.GlobalDefs.Add(new GlobalDef(gt, ReadConstExpr(ref r)) { EntryOffset = at });
        }
    }

    private static void ReadExports(ModuleInfo m, ref WasmReader r)
    {
        int n = r.ReadCount(3);
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            string name = r.ReadName();
            byte kind = r.ReadByte();
            if (kind > 3) throw r.Malformed("malformed export kind", r.Offset - 1);
            m.Exports.Add(new Export(name, (ExternKind)kind, r.ReadU32()) { Offset = at });
        }
    }

    private static void ReadCode(ModuleInfo m, ref WasmReader r)
    {
        m.CodeSectionOffset = r.Offset;
        m.CodeSectionSize = r.Remaining;
        int n = r.ReadCount(2);
        for (int i = 0; i < n; i++)
        {
            uint size = r.ReadU32();
            if (size > (uint)r.Remaining) throw r.Malformed("unexpected end of section or function");
            int offset = r.Offset;
            r.Skip((int)size);
            m.Bodies.Add(new FunctionBody(offset, (int)size));
        }
    }

    /// <summary>Counts the data section's segments and leaves them for <see cref="DecodeData"/>.</summary>
    private static void DeferData(ModuleInfo m, ref WasmReader r)
    {
        int start = r.Offset;
        int n = r.ReadCount();
        m.DeferData(start, r.Offset - start + r.Remaining, n);
        r.Skip(r.Remaining);
    }

    /// <summary>The segments of a data section deferred by <see cref="Decode(byte[], bool)"/>: <paramref name="length"/>
    /// bytes of <paramref name="bytes"/> from <paramref name="offset"/>, starting at the segment count.</summary>
    internal static List<DataSegment> DecodeData(byte[] bytes, int offset, int length)
    {
        var data = new List<DataSegment>();
        var r = new WasmReader(bytes.AsSpan(offset, length), offset, "unexpected end of section or function");
        ReadData(data, ref r);
        if (!r.AtEnd) throw r.Malformed("section size mismatch");
        return data;
    }

    private static void ReadData(List<DataSegment> data, ref WasmReader r)
    {
        int n = r.ReadCount();
        // Go modules have ~100,000 segments: one allocation for the list, not a growing series (a segment takes at
        // least 2 bytes, so a bogus count cannot ask for more than the section's size)
        data.Capacity = Math.Min(n, r.Remaining / 2);
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            uint flag = r.ReadU32();
            SegmentMode mode;
            uint memory = 0;
            ConstExpr offset = default;
            switch (flag)
            {
                case 0: mode = SegmentMode.Active; offset = ReadConstExpr(ref r); break;
                case 1: mode = SegmentMode.Passive; break;
                case 2: mode = SegmentMode.Active; memory = r.ReadU32(); offset = ReadConstExpr(ref r); break;
                default: throw r.Malformed("malformed data segment kind", at);
            }
            int len = r.ReadLength();
            int dataOffset = r.Offset;
            r.Skip(len);
            data.Add(new DataSegment(mode, memory, offset, dataOffset, len) { EntryOffset = at });
        }
    }

    /// <summary>
    /// Finds the extent of a constant expression by reading operators up to its final <c>end</c>. Which operators
    /// are allowed (and their types) is the validator's job.
    /// </summary>
    internal static ConstExpr ReadConstExpr(ref WasmReader r)
    {
        if (TryReadI32Const(ref r, out var simple)) return simple;
        int start = r.Position;
        int startOffset = r.Offset;
        var ops = new OperatorReader(r.Span[start..], startOffset);
        var ins = new Instruction();
        int depth = 0;
        while (true)
        {
            ops.Read(ref ins);
            if (ins.Opcode is Opcode.Block or Opcode.Loop or Opcode.If) depth++;
            else if (ins.Opcode == Opcode.End && depth-- == 0) break;
        }
        int length = ops.Offset - startOffset;
        r.Skip(length);
        return new ConstExpr(startOffset, length);
    }

    /// <summary>
    /// The most common constant expression, <c>i32.const n end</c>, read without an operator reader (a warm start of
    /// a Go module decodes ~100,000 data segment offsets). Only when the immediate takes at most 4 bytes, which are
    /// always a valid s32; anything else goes through the general path and its checks.
    /// </summary>
    private static bool TryReadI32Const(ref WasmReader r, out ConstExpr expr)
    {
        const byte I32Const = 0x41, End = 0x0B;
        var span = r.Span[r.Position..];
        expr = default;
        if (span.Length < 3 || span[0] != I32Const) return false;
        int last = 1; // the immediate's last byte
        while (last < span.Length && last < 5 && (span[last] & 0x80) != 0) last++;
        if (last >= 5 || last + 1 >= span.Length || span[last + 1] != End) return false;
        expr = new ConstExpr(r.Offset, last + 2);
        r.Skip(last + 2);
        return true;
    }
}
