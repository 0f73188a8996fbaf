using System.Text.RegularExpressions;
using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

/// <summary>A program of <c>../shared/bench</c> with its arguments and expected outputs, read from the table in
/// that folder's README.</summary>
internal sealed partial record BenchProgram(string Name, string WasmPath, string DefaultArg, string DefaultExpected, string SmallArg, string SmallExpected)
{
    public static IEnumerable<BenchProgram> All()
    {
        foreach (var line in File.ReadLines(Path.Combine(SharedData.Bench, "README.md")))
        {
            var m = Row().Match(line);
            if (!m.Success) continue;
            string name = m.Groups[1].Value;
            yield return new BenchProgram(name, Path.Combine(SharedData.Bench, name + ".wasm"),
                m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value);
        }
    }

    // | fib.wasm | what | 42 | `fib(42) = ...` | 32 | `fib(32) = ...` |
    [GeneratedRegex(@"^\| (\w+)\.wasm \| [^|]+ \| (\d+) \| `([^`]+)` \| (\d+) \| `([^`]+)` \|$")]
    private static partial Regex Row();
}
