namespace WasmSharp.Wast;

/// <summary>A command that did not do what the script asserts.</summary>
public sealed record CommandFailure(int Line, string Command, string Message)
{
    public override string ToString() => $"line {Line}: {Command}: {Message}";
}

/// <summary>What running one script gave: counts, skip reasons, and the failing commands.</summary>
public sealed class ScriptReport
{
    public string File { get; }
    public int Passed { get; private set; }
    public int Failed => Failures.Count;
    public int Skipped { get; private set; }
    public SortedDictionary<string, int> SkipReasons { get; } = new(StringComparer.Ordinal);
    public List<CommandFailure> Failures { get; } = new();
    /// <summary>Passes per command type (module, assert_return, ...).</summary>
    public SortedDictionary<string, int> PassedByCommand { get; } = new(StringComparer.Ordinal);

    /// <summary>Fuel the script's code consumed, when the engine meters.</summary>
    public long? FuelConsumed { get; set; }

    public ScriptReport(string file) => File = file;

    public void Pass(string command)
    {
        Passed++;
        PassedByCommand[command] = PassedByCommand.GetValueOrDefault(command) + 1;
    }

    public void Fail(int line, string command, string message) => Failures.Add(new CommandFailure(line, command, message));

    public void Skip(string reason)
    {
        Skipped++;
        SkipReasons[reason] = SkipReasons.GetValueOrDefault(reason) + 1;
    }

    /// <summary>One line: <c>name: N passed, N failed, N skipped (reason: n; ...)</c>.</summary>
    public string Summary()
    {
        string reasons = SkipReasons.Count == 0 ? "" : " (" + string.Join("; ", SkipReasons.Select(kv => $"{kv.Key}: {kv.Value}")) + ")";
        return $"{Path.GetFileName(File)}: {Passed} passed, {Failed} failed, {Skipped} skipped{reasons}";
    }
}
