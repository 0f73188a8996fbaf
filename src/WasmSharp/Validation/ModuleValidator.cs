using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>Validates a decoded module: every rule of the spec's module validation, then every function body.</summary>
public static class ModuleValidator
{
    /// <summary>Validates a decoded module; throws <see cref="InvalidModuleException"/>.</summary>
    public static void Validate(ModuleInfo m) => Validate(m, new FunctionValidator());

    /// <summary>Validates a decoded module, reusing <paramref name="functions"/> for the bodies.</summary>
    public static void Validate(ModuleInfo m, FunctionValidator functions)
    {
        try
        {
            var ctx = ValidateDeclarations(m);
            // deterministic mode charges each call its function's operand height: recorded here, not validated again
            var heights = new int[m.Bodies.Count];
            for (int i = 0; i < m.Bodies.Count; i++)
            {
                functions.Validate(ctx, (uint)(m.ImportedFunctionCount + i), m.Bodies[i]);
                heights[i] = functions.MaxOperandHeight;
            }
            m.MaxOperandHeights = heights;
        }
        catch (InvalidModuleException)
        {
            // the spec decodes every body before validating any: a malformed body anywhere wins over an invalid one
            foreach (var body in m.Bodies) BodyDecoder.Check(m, body);
            throw;
        }
    }

    /// <summary>Everything but the function bodies; returns the context bodies are checked in. Each error names the
    /// offset of the entry at fault, or of the index in it that is out of range.</summary>
    public static ValidationContext ValidateDeclarations(ModuleInfo m)
    {
        var ctx = new ValidationContext(m);
        foreach (var import in m.Imports) ValidateImport(m, import);
        for (int i = m.ImportedFunctionCount; i < m.Functions.Count; i++)
        {
            if (m.Functions[i] >= (uint)m.Types.Count)
                throw Invalid($"unknown type {m.Functions[i]}", FunctionEntryOffset(m, i - m.ImportedFunctionCount));
        }
        for (int i = m.ImportedTableCount; i < m.Tables.Count; i++) CheckTableLimits(m.Tables[i].Limits, m.TableOffsets[i]);
        for (int i = m.ImportedMemoryCount; i < m.Memories.Count; i++) CheckMemoryLimits(m.Memories[i].Limits, m.MemoryOffsets[i]);
        if (m.Memories.Count > 1) throw Invalid("multiple memories", m.MemoryOffsets[1]);
        CollectRefs(m, ctx.DeclaredRefs);
        foreach (var g in m.GlobalDefs) ConstExprValidator.Validate(m, g.Init, g.Type.ValType);
        ValidateExports(m);
        ValidateStart(m);
        foreach (var e in m.Elements) ValidateElement(m, e);
        foreach (var d in m.Data) ValidateData(m, d);
        return ctx;
    }

    private static InvalidModuleException Invalid(string reason, int offset) => new(reason, offset);

    private static void ValidateImport(ModuleInfo m, Import import)
    {
        switch (import.Kind)
        {
            case ExternKind.Func:
                if (import.FuncTypeIndex >= (uint)m.Types.Count)
                    throw Invalid($"unknown type {import.FuncTypeIndex}", AfterNamesAndKind(m, import.Offset, names: 2));
                break;
            case ExternKind.Table: CheckTableLimits(import.Table.Limits, import.Offset); break;
            case ExternKind.Memory: CheckMemoryLimits(import.Memory.Limits, import.Offset); break;
        }
    }

    private static void CheckTableLimits(Limits l, int offset)
    {
        if (l.Max is { } max && l.Min > max) throw Invalid("size minimum must not be greater than maximum", offset);
    }

    private static void CheckMemoryLimits(Limits l, int offset)
    {
        if (l.Min > MemoryType.MaxPages || l.Max > MemoryType.MaxPages)
            throw Invalid("memory size must be at most 65536 pages (4GiB)", offset);
        if (l.Max is { } max && l.Min > max) throw Invalid("size minimum must not be greater than maximum", offset);
    }

    /// <summary>Module offset of what follows <paramref name="names"/> names and a kind byte in the entry at
    /// <paramref name="entry"/>: the index of an export, the type index of a function import.</summary>
    private static int AfterNamesAndKind(ModuleInfo m, int entry, int names)
    {
        var r = new WasmReader(m.Bytes.AsSpan(entry), entry);
        for (int i = 0; i < names; i++) r.Skip(r.ReadLength());
        r.ReadByte();
        return r.Offset;
    }

    /// <summary>Module offset of defined function <paramref name="defined"/>'s type index in the function section.</summary>
    private static int FunctionEntryOffset(ModuleInfo m, int defined)
    {
        var r = new WasmReader(m.Bytes.AsSpan(m.FunctionSectionOffset), m.FunctionSectionOffset);
        for (int i = 0; i < defined; i++) r.ReadU32();
        return r.Offset;
    }

    /// <summary>C.refs: function indices named in element segments, exports and global initializers.</summary>
    private static void CollectRefs(ModuleInfo m, HashSet<uint> refs)
    {
        foreach (var g in m.GlobalDefs) ConstExprValidator.CollectRefs(m, g.Init, refs);
        foreach (var e in m.Exports)
            if (e.Kind == ExternKind.Func) refs.Add(e.Index);
        foreach (var seg in m.Elements)
        {
            if (seg.FunctionIndices is { } fs) refs.UnionWith(fs);
            else foreach (var x in seg.Expressions!) ConstExprValidator.CollectRefs(m, x, refs);
        }
    }

    private static void ValidateExports(ModuleInfo m)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in m.Exports)
        {
            if (!names.Add(e.Name)) throw Invalid("duplicate export name", e.Offset);
            int count = e.Kind switch
            {
                ExternKind.Func => m.Functions.Count,
                ExternKind.Table => m.Tables.Count,
                ExternKind.Memory => m.Memories.Count,
                _ => m.Globals.Count,
            };
            if (e.Index >= (uint)count) throw Invalid($"unknown {KindName(e.Kind)} {e.Index}", AfterNamesAndKind(m, e.Offset, names: 1));
        }
    }

    private static string KindName(ExternKind k) => k switch
    {
        ExternKind.Func => "function",
        ExternKind.Table => "table",
        ExternKind.Memory => "memory",
        _ => "global",
    };

    private static void ValidateStart(ModuleInfo m)
    {
        if (m.StartFunction is not { } start) return;
        if (start >= (uint)m.Functions.Count) throw Invalid($"unknown function {start}", m.StartOffset);
        var ft = m.FunctionType(start);
        if (ft.Params.Length != 0 || ft.Results.Length != 0) throw Invalid("start function", m.StartOffset);
    }

    private static void ValidateElement(ModuleInfo m, ElementSegment e)
    {
        if (e.Mode == SegmentMode.Active)
        {
            if (e.TableIndex >= (uint)m.Tables.Count) throw Invalid($"unknown table {e.TableIndex}", e.EntryOffset);
            if (m.Tables[(int)e.TableIndex].ElemType != e.ElemType) throw Invalid("type mismatch", e.EntryOffset);
            ConstExprValidator.Validate(m, e.Offset, ValType.I32);
        }
        if (e.FunctionIndices is { } fs)
        {
            for (int k = 0; k < fs.Length; k++)
            {
                if (fs[k] >= (uint)m.Functions.Count)
                    throw Invalid($"unknown function {fs[k]}", ElementDecoder.FunctionIndexOffset(m, e, k));
            }
        }
        else
        {
            foreach (var x in e.Expressions!) ConstExprValidator.Validate(m, x, e.ElemType);
        }
    }

    private static void ValidateData(ModuleInfo m, DataSegment d)
    {
        if (d.Mode != SegmentMode.Active) return;
        if (d.MemoryIndex >= (uint)m.Memories.Count) throw Invalid($"unknown memory {d.MemoryIndex}", d.EntryOffset);
        ConstExprValidator.Validate(m, d.Offset, ValType.I32);
    }
}
