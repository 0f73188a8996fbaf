namespace WasmSharp.Bench.Report;

/// <summary>One program of ../shared/bench (or ../shared/bench-simd, <paramref name="Simd"/>): arguments and expected
/// checksum lines, read from that folder's README table.</summary>
internal sealed record BenchProgram(string Name, string Wasm, string Source, string DefaultArg, string DefaultOutput, string SmallArg, string SmallOutput,
    bool Simd = false)
{
    /// <summary>clang flags of the native build: bench-simd's README builds for SSE4.2, auto-vectorized.</summary>
    public string[] NativeFlags => Simd ? ["-march=x86-64-v2"] : [];

    public string Arg(bool small) => small ? SmallArg : DefaultArg;

    public string Expected(bool small) => small ? SmallOutput : DefaultOutput;

    /// <summary>Rows "| NAME.wasm | exercises | default arg | `output` | small arg | `output` |" of README.md; bench-simd's
    /// rows have a count of SIMD instructions before the default argument.</summary>
    public static IReadOnlyList<BenchProgram> Load(string benchDir, bool simd = false)
    {
        var list = new List<BenchProgram>();
        foreach (var line in File.ReadLines(Path.Combine(benchDir, "README.md")))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            int skip = simd ? 1 : 0;
            if (cells.Length < 8 + skip || !cells[1].EndsWith(".wasm", StringComparison.Ordinal)) continue;
            string name = Path.GetFileNameWithoutExtension(cells[1]);
            list.Add(new BenchProgram(name, Path.Combine(benchDir, cells[1]), Path.Combine(benchDir, "src", name + ".c"),
                cells[3 + skip], cells[4 + skip].Trim('`'), cells[5 + skip], cells[6 + skip].Trim('`'), simd));
        }
        if (list.Count == 0) throw new InvalidDataException($"no program table in {benchDir}/README.md");
        return list;
    }
}
