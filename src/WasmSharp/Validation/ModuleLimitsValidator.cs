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
        Check(m.Bodies.Count, l.MaxFunctions, nameof(l.MaxFunctions), "functions");
        Check(m.Imports.Count, l.MaxImports, nameof(l.MaxImports), "imports");
        Check(m.Exports.Count, l.MaxExports, nameof(l.MaxExports), "exports");
        Check(m.Globals.Count, l.MaxGlobals, nameof(l.MaxGlobals), "globals");
        Check(m.Tables.Count, l.MaxTables, nameof(l.MaxTables), "tables");
        Check(m.DataSegmentCount, l.MaxDataSegments, nameof(l.MaxDataSegments), "data segments");
        Check(m.Elements.Count, l.MaxElementSegments, nameof(l.MaxElementSegments), "element segments");
        for (int i = 0; i < m.Types.Count; i++)
        {
            Check(m.Types[i].Params.Length, l.MaxParams, nameof(l.MaxParams), $"parameters in type {i}");
            Check(m.Types[i].Results.Length, l.MaxResults, nameof(l.MaxResults), $"results in type {i}");
        }
        for (int i = 0; i < m.Tables.Count; i++)
            Check(m.Tables[i].Limits.Min, l.MaxTableElements, nameof(l.MaxTableElements), $"initial elements in table {i}");
        for (int i = 0; i < m.Memories.Count; i++)
            Check(m.Memories[i].Limits.Min, l.MaxMemoryPages, nameof(l.MaxMemoryPages), $"initial pages in memory {i}");
        var locals = new ValType[16];
        for (int i = 0; i < m.Bodies.Count; i++)
        {
            var body = m.Bodies[i];
            int funcIndex = m.ImportedFunctionCount + i;
            Check(body.Length, l.MaxFunctionBodySize, nameof(l.MaxFunctionBodySize), $"bytes in the body of function {funcIndex}");
            if (l.MaxLocals is null) continue;
            var type = m.FunctionType((uint)funcIndex);
            int n = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref locals, out _);
            Check(n, l.MaxLocals, nameof(l.MaxLocals), $"locals (parameters included) in function {funcIndex}");
        }
    }

    private static void Check(long value, long? max, string limit, string what)
    {
        if (max is { } m && value > m)
            throw new InvalidModuleException($"module limit exceeded: {value} {what}, more than {limit} = {m}", 0);
    }
}
