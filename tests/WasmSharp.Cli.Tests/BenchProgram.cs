using System.Text.RegularExpressions;
using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

/// <summary>A program of <c>../shared/bench</c> (or <c>../shared/bench-simd</c>) with its arguments and expected
/// outputs, read from the table in that folder's README.</summary>
internal sealed partial record BenchProgram(string Name, string WasmPath, string DefaultArg, string DefaultExpected, string SmallArg, string SmallExpected)
{
    public static IEnumerable<BenchProgram> All() => In(SharedData.Bench);

    public static IEnumerable<BenchProgram> Simd() => In(SharedData.BenchSimd);

    private static IEnumerable<BenchProgram> In(string folder)
    {
        foreach (var line in File.ReadLines(Path.Combine(folder, "README.md")))
        {
            var m = Row().Match(line);
            if (!m.Success) continue;
            string name = m.Groups[1].Value;
            yield return new BenchProgram(name, Path.Combine(folder, name + ".wasm"),
                m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value);
        }
    }

    // | fib.wasm | what | 42 | `fib(42) = ...` | 32 | `fib(32) = ...` |; bench-simd has a count of SIMD instructions
    // before the default argument.
    [GeneratedRegex(@"^\| (\w+)\.wasm \| [^|]+ \|(?: \d+ \|)? (\d+) \| `([^`]+)` \| (\d+) \| `([^`]+)` \|$")]
    private static partial Regex Row();
}
