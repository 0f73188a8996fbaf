using System.Text.Json;
using WasmSharp.Text.Script;
using WasmSharp.Wast;

namespace WasmSharp.Tests.Text;

/// <summary>One wast2json command, with its values read into the shared script model for comparison.</summary>
internal sealed record JsonCommand(string Type, int Line, JsonElement Raw, string Dir)
{
    public string? FileName => Raw.TryGetProperty("filename", out var f) ? f.GetString() : null;
    public string? ModuleType => Raw.TryGetProperty("module_type", out var f) ? f.GetString() : null;
    public string? Name => Raw.TryGetProperty("name", out var f) ? f.GetString() : null;
    public string FilePath => Path.Combine(Dir, FileName!);
}

/// <summary>Reads wast2json output: the reference the WAST parser is checked against.</summary>
internal static class JsonScript
{
    public static List<JsonCommand> Read(string name)
    {
        string dir = SpecData.JsonDir(name);
        var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, name + ".json")));
        return doc.RootElement.GetProperty("commands").EnumerateArray()
            .Select(c => new JsonCommand(c.GetProperty("type").GetString()!, c.GetProperty("line").GetInt32(), c, dir))
            .ToList();
    }

    public static string ExpectedCommandType(ScriptCommand c) => ScriptRunner.CommandName(c);

    public static ScriptAction Action(JsonElement a) => JsonScriptReader.Action(a);

    public static ExpectedValue Expected(JsonElement v) => JsonScriptReader.Expected(v);

    /// <summary>Structural equality (the record's own equality compares the lane arrays by reference).</summary>
    public static bool Same(ExpectedValue a, ExpectedValue b) =>
        a.Type == b.Type && a.Value == b.Value && a.Nan == b.Nan && a.LaneType == b.LaneType && a.AnyFuncRef == b.AnyFuncRef
        && (a.Lanes is null ? b.Lanes is null : b.Lanes is not null && a.Lanes.AsSpan().SequenceEqual(b.Lanes));

    public static bool Same(ScriptAction a, ScriptAction b) => (a, b) switch
    {
        (InvokeAction x, InvokeAction y) => x.Module == y.Module && x.Field == y.Field && x.Args.AsSpan().SequenceEqual(y.Args),
        (GetAction x, GetAction y) => x.Module == y.Module && x.Field == y.Field,
        _ => false,
    };
}
