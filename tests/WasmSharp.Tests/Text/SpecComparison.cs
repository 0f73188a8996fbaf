using WasmSharp.Text;
using WasmSharp.Text.Script;

namespace WasmSharp.Tests.Text;

/// <summary>Compares <see cref="WastParser"/> on one spec script with wast2json's output for it.</summary>
internal sealed class SpecComparison
{
    public string Name { get; }
    public int Commands, JsonCommands, CommandsMatched, CommandsExplained;
    public int Modules, ModulesIdentical;
    public int MalformedText, MalformedRejected;
    public int Actions, ActionsMatched;
    public readonly List<string> Failures = [];
    public readonly List<string> ByteMismatches = [];
    /// <summary>Differences listed in <see cref="KnownDifferences"/>, with their reason.</summary>
    public readonly List<string> Explained = [];

    private SpecComparison(string name) => Name = name;

    public static SpecComparison Run(string name)
    {
        var r = new SpecComparison(name);
        r.Compare();
        return r;
    }

    private void Compare()
    {
        var json = JsonScript.Read(Name);
        JsonCommands = json.Count;
        IReadOnlyList<ScriptCommand> ours;
        try
        {
            ours = WastParser.Parse(File.ReadAllText(SpecData.WastPath(Name)), Name + ".wast").Commands;
        }
        catch (Exception e)
        {
            Failures.Add($"parse failed: {e.GetType().Name}: {e.Message}");
            return;
        }
        Commands = ours.Count;
        if (ours.Count != json.Count) Failures.Add($"command count {ours.Count} != json {json.Count}");
        for (int i = 0; i < Math.Min(ours.Count, json.Count); i++)
        {
            int before = Failures.Count, explainedBefore = Explained.Count;
            CompareCommand(ours[i], json[i]);
            if (Failures.Count != before) continue;
            if (Explained.Count == explainedBefore) CommandsMatched++;
            else CommandsExplained++;
        }
    }

    private void Fail(JsonCommand j, string what)
    {
        string message = $"line {j.Line} ({j.Type}): {what}";
        if (KnownDifferences.Reason(Name, j.Line) is { } reason) Explained.Add($"{message} [{reason}]");
        else Failures.Add(message);
    }

    private void CompareCommand(ScriptCommand c, JsonCommand j)
    {
        string type = JsonScript.ExpectedCommandType(c);
        if (type != j.Type) { Fail(j, $"type {type} at our line {c.Line}"); return; }
        if (c.Line != j.Line) Fail(j, $"line {c.Line}");
        switch (c)
        {
            case ModuleCommand m:
                if (m.Name != j.Name) Fail(j, $"name {m.Name} != {j.Name}");
                CompareBinary(m.Module, j);
                break;
            case RegisterCommand r:
                if (r.As != j.Raw.GetProperty("as").GetString()) Fail(j, "register name");
                if (r.Name != j.Name) Fail(j, "register module");
                break;
            case ActionCommand a: CompareAction(a.Action, j, null); break;
            case AssertReturnCommand a: CompareAction(a.Action, j, a.Expected); break;
            case AssertTrapCommand a:
                CompareAction(a.Action, j, null);
                if (a.Text != j.Raw.GetProperty("text").GetString()) Fail(j, "trap text");
                break;
            case AssertExhaustionCommand a: CompareAction(a.Action, j, null); break;
            case AssertModuleCommand a:
                if (a.Text != j.Raw.GetProperty("text").GetString()) Fail(j, "assertion text");
                if (j.ModuleType == "text") CompareMalformedText(a.Module, j);
                else CompareBinary(a.Module, j);
                break;
        }
    }

    private void CompareAction(ScriptAction ours, JsonCommand j, ExpectedValue[]? expected)
    {
        Actions++;
        var theirs = JsonScript.Action(j.Raw.GetProperty("action"));
        bool ok = JsonScript.Same(ours, theirs);
        if (!ok) Fail(j, $"action differs: {Show(ours)} vs {Show(theirs)}");
        if (expected is not null)
        {
            var exp = j.Raw.GetProperty("expected").EnumerateArray().Select(JsonScript.Expected).ToArray();
            if (exp.Length != expected.Length || !exp.Zip(expected).All(p => JsonScript.Same(p.First, p.Second)))
            {
                ok = false;
                Fail(j, $"expected differs: [{string.Join(", ", expected.Select(Show))}] vs [{string.Join(", ", exp.Select(Show))}]");
            }
        }
        if (ok) ActionsMatched++;
    }

    private static string Show(ScriptAction a) => a is InvokeAction i ? $"{i.Field}({string.Join(", ", i.Args)})" : a.Field;

    private static string Show(ExpectedValue e) =>
        e.Lanes is null ? $"{e.Type} {e.Value.Lo:x} {e.Nan}" : $"v128 {e.LaneType} [{string.Join(" ", e.Lanes.Select(l => l.Nan == NanPattern.None ? l.Bits.ToString("x") : l.Nan.ToString()))}]";

    private void CompareBinary(ModuleSource ours, JsonCommand j)
    {
        Modules++;
        var expected = File.ReadAllBytes(j.FilePath);
        byte[] actual;
        try
        {
            actual = ours.Kind == ModuleSourceKind.Binary ? ours.Binary! : Wat.ToBinary(ours.Text!);
        }
        catch (Exception e)
        {
            Fail(j, $"{j.FileName}: encoding failed: {e.GetType().Name}: {e.Message}");
            return;
        }
        if (actual.AsSpan().SequenceEqual(expected)) ModulesIdentical++;
        else
        {
            int at = actual.AsSpan().CommonPrefixLength(expected);
            string message = $"line {j.Line} {j.FileName}: differs at byte {at} (ours {actual.Length} bytes, wabt {expected.Length})";
            if (KnownDifferences.Reason(Name, j.Line) is { } reason) Explained.Add($"{message} [{reason}]");
            else ByteMismatches.Add(message);
        }
    }

    private void CompareMalformedText(ModuleSource ours, JsonCommand j)
    {
        MalformedText++;
        string wat = File.ReadAllText(j.FilePath);
        if (ours.Kind != ModuleSourceKind.Text) { Fail(j, "expected a text module"); return; }
        if (ours.Text != wat) Fail(j, "quoted text differs from the .wat file");
        if (Rejects(wat, j) && Rejects(ours.Text!, j)) MalformedRejected++;
    }

    private bool Rejects(string text, JsonCommand j)
    {
        try
        {
            Wat.ToBinary(text);
            Fail(j, $"{j.FileName}: malformed text was accepted: {text}");
            return false;
        }
        catch (WatParseException)
        {
            return true;
        }
        catch (Exception e)
        {
            Fail(j, $"{j.FileName}: {e.GetType().Name} instead of WatParseException: {e.Message}");
            return false;
        }
    }
}
