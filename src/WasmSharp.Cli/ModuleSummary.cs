using System.Text;
using System.Text.Json;

namespace WasmSharp.Cli;

/// <summary>The facts <c>inspect</c> shows, gathered once and rendered as text or JSON.</summary>
internal sealed class ModuleSummary
{
    private readonly ModuleInfo _m;

    private ModuleSummary(ModuleInfo m) => _m = m;

    public static ModuleSummary From(ModuleInfo m) => new(m);

    private int DefinedFunctions => _m.Functions.Count - _m.ImportedFunctionCount;

    /// <summary>An import's type; a function's as its signature (and type index), as wasmtime and wasmer show it.</summary>
    private string Describe(Import i) => i.Kind switch
    {
        ExternKind.Func => $"{_m.Types[(int)i.FuncTypeIndex]} (type {i.FuncTypeIndex})",
        ExternKind.Table => i.Table.ToString(),
        ExternKind.Memory => i.Memory.ToString(),
        _ => $"(global {i.Global})",
    };

    /// <summary>The exported item's type: a function's signature, a table's, memory's or global's type.</summary>
    private string ExportType(Export e) => e.Kind switch
    {
        ExternKind.Func => _m.FunctionType(e.Index).ToString(),
        ExternKind.Table => _m.Tables[(int)e.Index].ToString(),
        ExternKind.Memory => _m.Memories[(int)e.Index].ToString(),
        _ => $"(global {_m.Globals[(int)e.Index]})",
    };

    public string ToText(string fileName)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{fileName}: {_m.Bytes.Length} bytes");
        if (_m.Names?.ModuleName is { } name) sb.AppendLine($"module name: {name}");
        sb.AppendLine($"types ({_m.Types.Count}):");
        for (int i = 0; i < _m.Types.Count; i++) sb.AppendLine($"  {i}: {_m.Types[i]}");
        sb.AppendLine($"imports ({_m.Imports.Count}):");
        foreach (var i in _m.Imports) sb.AppendLine($"  \"{i.Module}\" \"{i.Name}\": {Describe(i)}");
        sb.AppendLine($"exports ({_m.Exports.Count}):");
        foreach (var e in _m.Exports) sb.AppendLine($"  \"{e.Name}\": {e.Kind.ToString().ToLowerInvariant()} {e.Index} {ExportType(e)}");
        sb.AppendLine($"functions: {DefinedFunctions} defined, {_m.ImportedFunctionCount} imported; code section {_m.CodeSectionSize} bytes");
        sb.AppendLine($"memories ({_m.Memories.Count}):");
        foreach (var mem in _m.Memories) sb.AppendLine($"  {mem}");
        sb.AppendLine($"tables ({_m.Tables.Count}):");
        foreach (var t in _m.Tables) sb.AppendLine($"  {t}");
        sb.AppendLine($"globals ({_m.Globals.Count}):");
        for (int i = 0; i < _m.Globals.Count; i++)
            sb.AppendLine($"  {i}: {_m.Globals[i]}{(i < _m.ImportedGlobalCount ? " (imported)" : "")}");
        if (_m.StartFunction is { } s) sb.AppendLine($"start: function {s}");
        sb.AppendLine($"element segments: {_m.Elements.Count}; data segments: {_m.DataSegmentCount}");
        sb.AppendLine($"custom sections ({_m.CustomSections.Count}):");
        foreach (var c in _m.CustomSections) sb.AppendLine($"  \"{c.Name}\": {c.Length} bytes");
        return sb.ToString();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("size", _m.Bytes.Length);
            if (_m.Names?.ModuleName is { } name) w.WriteString("name", name);
            w.WriteStartArray("types");
            foreach (var t in _m.Types) WriteFuncType(w, t);
            w.WriteEndArray();
            w.WriteStartArray("imports");
            foreach (var i in _m.Imports)
            {
                w.WriteStartObject();
                w.WriteString("module", i.Module);
                w.WriteString("name", i.Name);
                w.WriteString("kind", i.Kind.ToString().ToLowerInvariant());
                w.WriteString("type", Describe(i));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("exports");
            foreach (var e in _m.Exports)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("index", e.Index);
                w.WriteString("type", ExportType(e));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("importedFunctions", _m.ImportedFunctionCount);
            w.WriteNumber("definedFunctions", DefinedFunctions);
            w.WriteNumber("codeSize", _m.CodeSectionSize);
            WriteStrings(w, "memories", _m.Memories.Select(m => m.ToString()));
            WriteStrings(w, "tables", _m.Tables.Select(t => t.ToString()));
            WriteStrings(w, "globals", _m.Globals.Select(g => g.ToString()));
            if (_m.StartFunction is { } s) w.WriteNumber("start", s);
            w.WriteNumber("elementSegments", _m.Elements.Count);
            w.WriteNumber("dataSegments", _m.DataSegmentCount);
            w.WriteStartArray("customSections");
            foreach (var c in _m.CustomSections)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("size", c.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void WriteFuncType(Utf8JsonWriter w, FuncType t)
    {
        w.WriteStartObject();
        WriteStrings(w, "params", t.Params.Select(p => p.Name()));
        WriteStrings(w, "results", t.Results.Select(r => r.Name()));
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var i in items) w.WriteStringValue(i);
        w.WriteEndArray();
    }
}
