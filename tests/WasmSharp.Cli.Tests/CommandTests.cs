using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

public class CommandTests
{
    [Fact]
    public void HelpListsTheSubcommands()
    {
        var r = Cli.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var c in new[] { "run", "validate", "inspect", "wast" }) Assert.Contains(c, r.Stdout);
        Assert.Contains("--mapdir", Cli.Run("run", "--help").Stdout);
    }

    [Fact]
    public void ValidateAndInspectEveryBenchAndWasiModule()
    {
        var files = Directory.EnumerateFiles(SharedData.Bench, "*.wasm")
            .Concat(Directory.EnumerateFiles(SharedData.WasiTestsuite, "*.wasm", SearchOption.AllDirectories)).ToArray();
        var r = Cli.Run(["validate", .. files]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(files.Length, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var json = Cli.Run("inspect", "--json", files[0]);
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.True(doc.RootElement.GetProperty("definedFunctions").GetInt32() > 0);
        Assert.Contains("exports", Cli.Run("inspect", files[0]).Stdout);
    }

    [Fact]
    public void ValidateReportsEachBadFile()
    {
        string bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(bad, [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]);
        var r = Cli.Run("validate", bad, Path.Combine(SharedData.Bench, "fib.wasm"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown binary version", r.Stderr);
        Assert.Contains(bad, r.Stderr);
    }

    [Fact]
    public void WastRunsScriptsAndEndsWithTotals()
    {
        var r = Cli.Run("wast", Path.Combine(SharedData.SpecWast, "i32.wast"), Path.Combine(SharedData.SpecJson, "i64", "i64.json"));
        Assert.Equal(0, r.ExitCode);
        var last = r.Stdout.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^\d+ passed, 0 failed, \d+ skipped$", last);
    }
}
