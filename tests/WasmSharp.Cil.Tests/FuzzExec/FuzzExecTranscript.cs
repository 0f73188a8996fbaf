using System.Text.RegularExpressions;

namespace WasmSharp.Cil.Tests.FuzzExec;

/// <summary>Reads binaryen's <c>--fuzz-exec-before</c> output: <c>[fuzz-exec] calling NAME</c>,
/// <c>[fuzz-exec] note result: NAME => VALUE</c> (several values as <c>(a, b)</c>),
/// <c>[LoggingExternalInterface logging VALUE]</c> and <c>[trap ...]</c>.</summary>
public static partial class FuzzExecTranscript
{
    public static List<FuzzExecEntry> Parse(string text)
    {
        var entries = new List<FuzzExecEntry>();
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            entries.Add(ParseLine(line) ?? throw new FormatException($"unrecognized fuzz-exec line: {line}"));
        }
        return entries;
    }

    private static FuzzExecEntry? ParseLine(string line)
    {
        if (Calling().Match(line) is { Success: true } c) return new FuzzExecEntry.Calling(c.Groups[1].Value);
        if (Logging().Match(line) is { Success: true } l) return new FuzzExecEntry.Logged(l.Groups[1].Value);
        if (Result().Match(line) is { Success: true } r) return new FuzzExecEntry.Result(r.Groups[1].Value, Values(r.Groups[2].Value));
        if (line.StartsWith("[trap", StringComparison.Ordinal) || line.StartsWith("[fuzz-exec] trap", StringComparison.Ordinal))
            return new FuzzExecEntry.Trap();
        return null;
    }

    private static string[] Values(string s)
    {
        s = s.Trim();
        if (s.StartsWith('(') && s.EndsWith(')')) s = s[1..^1];
        return s.Split(',', StringSplitOptions.TrimEntries);
    }

    [GeneratedRegex(@"^\[fuzz-exec\] calling (\S+)$")]
    private static partial Regex Calling();

    [GeneratedRegex(@"^\[LoggingExternalInterface logging (\S+)\]$")]
    private static partial Regex Logging();

    [GeneratedRegex(@"^\[fuzz-exec\] note result: (\S+) => (.+)$")]
    private static partial Regex Result();
}
