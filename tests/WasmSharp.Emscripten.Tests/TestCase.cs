namespace WasmSharp.Emscripten.Tests;

/// <summary>One line of programs/cases.txt in one build mode, with node's stdout and exit code for it.</summary>
public sealed record TestCase(string Name, string Mode, string[] Args, (string Key, string Value)[] Env, string? Stdin, int? ExitOverride)
{
    public static string Root => AppContext.BaseDirectory;

    public string Wasm => Path.Combine(Root, "wasm", Mode, Name + ".wasm");

    public string ExpectedStdout => File.ReadAllText(Path.Combine(Root, "expected", Mode, Name + ".stdout"));

    /// <summary>Node's exit code, or WasmSharp's own where cases.txt says why they differ.</summary>
    public int ExpectedExit => ExitOverride ?? int.Parse(File.ReadAllText(Path.Combine(Root, "expected", Mode, Name + ".exit")).Trim());

    public override string ToString() => $"{Mode}/{Name}";

    public static IReadOnlyList<TestCase> All { get; } = Load();

    public static TestCase Get(string mode, string name) => All.Single(c => c.Mode == mode && c.Name == name);

    private static List<TestCase> Load()
    {
        var cases = new List<TestCase>();
        foreach (var line in File.ReadLines(Path.Combine(Root, "programs", "cases.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('|');
            if (f.Length < 6) throw new FormatException($"cases.txt: expected at least 6 fields in \"{line}\"");
            var args = f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var env = f[3].Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(kv => (kv[..kv.IndexOf('=')], kv[(kv.IndexOf('=') + 1)..])).ToArray();
            int? exit = f.Length > 6 && f[6].Length > 0 ? int.Parse(f[6]) : null;
            foreach (var mode in f[5].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                cases.Add(new TestCase(f[0], mode, args, env, f[4].Length > 0 ? f[4] : null, exit));
        }
        return cases;
    }
}
