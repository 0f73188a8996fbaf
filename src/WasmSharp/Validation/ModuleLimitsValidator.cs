using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>
/// Rejects a module over a static limit of <see cref="EngineConfig.ModuleLimits"/>: counts from the decoded module,
/// plus one read of each body's local declarations (only when <see cref="ModuleLimits.MaxLocals"/> is set). The
/// error names the limit, the value found and the maximum.
/// </summary>
public static class ModuleLimitsValidator
{
    /// <summary>Throws <see cref="InvalidModuleException"/> for the first limit exceeded.</summary>
    public static void Validate(ModuleInfo m, ModuleLimits l)
    {
        if (l.IsNone) return;
        Check(m.Types.Count, l.MaxTypes, nameof(l.MaxTypes), "function types");
        // a count over its limit is reported at the first entry past it
        Check(m.Bodies.Count, l.MaxFunctions, nameof(l.MaxFunctions), "functions", i => m.Bodies[i].Offset);
        Check(m.Imports.Count, l.MaxImports, nameof(l.MaxImports), "imports", i => m.Imports[i].Offset);
        Check(m.Exports.Count, l.MaxExports, nameof(l.MaxExports), "exports", i => m.Exports[i].Offset);
        Check(m.Globals.Count, l.MaxGlobals, nameof(l.MaxGlobals), "globals", i => GlobalOffset(m, i));
        Check(m.Tables.Count, l.MaxTables, nameof(l.MaxTables), "tables", i => m.TableOffsets[i]);
        Check(m.DataSegmentCount, l.MaxDataSegments, nameof(l.MaxDataSegments), "data segments", i => m.Data[i].EntryOffset);
        Check(m.Elements.Count, l.MaxElementSegments, nameof(l.MaxElementSegments), "element segments", i => m.Elements[i].EntryOffset);
        for (int i = 0; i < m.Types.Count; i++)
        {
            Check(m.Types[i].Params.Length, l.MaxParams, nameof(l.MaxParams), $"parameters in type {i}");
            Check(m.Types[i].Results.Length, l.MaxResults, nameof(l.MaxResults), $"results in type {i}");
        }
        for (int i = 0; i < m.Tables.Count; i++)
            Check(m.Tables[i].Limits.Min, l.MaxTableElements, nameof(l.MaxTableElements), $"initial elements in table {i}", m.TableOffsets[i]);
        for (int i = 0; i < m.Memories.Count; i++)
            Check(m.Memories[i].Limits.Min, l.MaxMemoryPages, nameof(l.MaxMemoryPages), $"initial pages in memory {i}", m.MemoryOffsets[i]);
        var locals = new ValType[16];
        for (int i = 0; i < m.Bodies.Count; i++)
        {
            var body = m.Bodies[i];
            int funcIndex = m.ImportedFunctionCount + i;
            Check(body.Length, l.MaxFunctionBodySize, nameof(l.MaxFunctionBodySize), $"bytes in the body of function {funcIndex}", body.Offset);
            if (l.MaxLocals is null) continue;
            var type = m.FunctionType((uint)funcIndex);
            int n = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref locals, out _);
            Check(n, l.MaxLocals, nameof(l.MaxLocals), $"locals (parameters included) in function {funcIndex}", body.Offset);
        }
    }

    /// <summary>Module offset of global <paramref name="index"/>'s entry: its import's, or its definition's.</summary>
    private static int GlobalOffset(ModuleInfo m, int index) => index >= m.ImportedGlobalCount
        ? m.GlobalDefs[index - m.ImportedGlobalCount].EntryOffset
        : m.Imports.Where(i => i.Kind == ExternKind.Global).ElementAt(index).Offset;

    /// <summary>Rejects a <paramref name="count"/> of entries over <paramref name="max"/>, at the first entry past
    /// it (<paramref name="entryOffset"/> of its index).</summary>
    private static void Check(int count, int? max, string limit, string what, Func<int, int> entryOffset)
    {
        if (max is { } m && count > m) Check(count, max, limit, what, entryOffset(m));
    }

    /// <summary>Rejects <paramref name="value"/> over <paramref name="max"/>, at the offset of the entry it belongs to
    /// (0 for a count of the whole module).</summary>
    private static void Check(long value, long? max, string limit, string what, int offset = 0)
    {
        if (max is { } m && value > m)
            throw new InvalidModuleException($"module limit exceeded: {value} {what}, more than {limit} = {m}", offset);
    }
}
