using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Cli.Tests;

/// <summary><c>--deterministic</c>, <c>--max-stack-height</c> and <c>--disable-features</c> on the real command.</summary>
public class DeterministicCliTests
{
    private static readonly string[][] Compilers =
        [["--compiler", "singlepass"], ["--compiler", "singlepass", "--cpu", "sse4.2"], ["--compiler", "cil"]];

    private static string Wat(string name, string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-det-{Guid.NewGuid():N}-{name}.wat");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RunGivesTheCanonicalNaNOnEveryCompiler()
    {
        string file = Wat("div", "(module (func (export \"div\") (param f32 f32) (result i32) (i32.reinterpret_f32 (f32.div (local.get 0) (local.get 1)))))");
        foreach (var c in Compilers)
        {
            var det = Cli.Run(["run", .. c, "--deterministic", "--invoke", "div", file, "0", "0"]);
            Assert.True(det.ExitCode == 0, det.Stderr);
            Assert.Equal($"{0x7FC00000}\n", det.Stdout);
            if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) continue;
            // x86-64's own answer, which the mode replaces
            var plain = Cli.Run(["run", .. c, "--invoke", "div", file, "0", "0"]);
            Assert.Equal($"{unchecked((int)0xFFC00000)}\n", plain.Stdout);
        }
    }

    [Fact]
    public void WastRunsTheDeterministicScriptsOnEveryCompiler()
    {
        string dir = Path.Combine(SharedData.RepositoryRoot, "tests", "deterministic");
        foreach (var c in Compilers)
        {
            var r = Cli.Run(["wast", .. c, "--deterministic", Path.Combine(dir, "nan.wast"), Path.Combine(dir, "stack.wast")]);
            Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
            Assert.EndsWith("78 passed, 0 failed, 0 skipped\n", r.Stdout);
        }
        var small = Cli.Run(["wast", "--deterministic", "--max-stack-height", "700", Path.Combine(dir, "stack.wast")]);
        Assert.NotEqual(0, small.ExitCode); // the script's depths are the default budget's: 700 / 7 = 100 calls
        Assert.Contains("result 0 is i32:0x64, expected i32:0x2492", small.Stdout);
    }

    [Fact]
    public void ADisabledFeatureIsReportedByName()
    {
        string file = Wat("simd", "(module (func (export \"f\") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))");
        var r = Cli.Run(["run", "--compiler", "cil", "--disable-features", "simd", "--invoke", "f", file]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("simd is disabled", r.Stderr);
        Assert.Equal("1\n", Cli.Run(["run", "--compiler", "cil", "--invoke", "f", file]).Stdout);
    }

    [Theory]
    [InlineData("--disable-features", "simd,threads", "unknown Wasm feature 'threads'")]
    [InlineData("--max-stack-height", "1000", "applies only with --deterministic")]
    public void BadValuesAreUsageErrors(string option, string value, string message)
    {
        string file = Wat("nop", "(module (func (export \"f\")))");
        var r = Cli.Run(["run", option, value, "--invoke", "f", file]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }
}
