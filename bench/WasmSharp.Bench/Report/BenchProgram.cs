namespace WasmSharp.Bench.Report;

/// <summary>One program of ../shared/bench: arguments and expected checksum lines, read from that folder's README table.</summary>
internal sealed record BenchProgram(string Name, string Wasm, string Source, string DefaultArg, string DefaultOutput, string SmallArg, string SmallOutput)
{
    public string Arg(bool small) => small ? SmallArg : DefaultArg;

    public string Expected(bool small) => small ? SmallOutput : DefaultOutput;

    /// <summary>Rows "| NAME.wasm | exercises | default arg | `output` | small arg | `output` |" of README.md.</summary>
    public static IReadOnlyList<BenchProgram> Load(string benchDir)
    {
        var list = new List<BenchProgram>();
        foreach (var line in File.ReadLines(Path.Combine(benchDir, "README.md")))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 8 || !cells[1].EndsWith(".wasm", StringComparison.Ordinal)) continue;
            string name = Path.GetFileNameWithoutExtension(cells[1]);
            list.Add(new BenchProgram(name, Path.Combine(benchDir, cells[1]), Path.Combine(benchDir, "src", name + ".c"),
                cells[3], cells[4].Trim('`'), cells[5], cells[6].Trim('`')));
        }
        if (list.Count == 0) throw new InvalidDataException($"no program table in {benchDir}/README.md");
        return list;
    }
}
