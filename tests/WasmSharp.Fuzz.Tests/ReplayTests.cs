using WasmSharp.Fuzz;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// The batch path of the fuzzer that takes AArch64 into the differential runs (tests/arm64/fuzz.sh): Wasmtime's
/// transcripts written on this machine, replayed on an engine (here the x64 ones) and compared.
/// </summary>
public class ReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wasmsharp-replay-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FuzzTotals WriteBatch(int modules) =>
        ReferenceBatch.Write(new FuzzOptions { Seed = 5, MaxModules = modules, Duration = TimeSpan.FromMinutes(2) }, Engines.Reference, _dir);

    [Fact]
    public void ABatchReplaysWithoutMismatchOnEveryEngine()
    {
        var written = WriteBatch(24);
        Assert.True(written.Modules >= 20, written.ToString());
        Assert.True(written.SimdModules > 0, $"some modules should use SIMD: {written}");
        foreach (var name in Engines.UnderTest())
        {
            var replayed = ReplayBatch.Run(_dir, Engines.Named(name), progress: null);
            Assert.True(replayed.Mismatches.Count == 0, string.Join("\n", replayed.Mismatches));
            Assert.Equal(written.Modules, replayed.Modules + replayed.Refused);
            Assert.True(replayed.Calls > replayed.Modules, replayed.ToString());
        }
    }

    [Fact]
    public void AChangedTranscriptIsAMismatch()
    {
        WriteBatch(4);
        var expected = Directory.GetFiles(_dir, "*.expected").Order(StringComparer.Ordinal).First();
        var lines = File.ReadAllLines(expected);
        int call = Array.FindIndex(lines, l => l.StartsWith("call\t", StringComparison.Ordinal));
        var fields = lines[call].Split('\t');
        fields[2] = "i32:12345 (not what any engine returns)";
        lines[call] = string.Join('\t', fields);
        File.WriteAllLines(expected, lines);
        var replayed = ReplayBatch.Run(_dir, Engines.Named("cil"), progress: null);
        Assert.Contains(replayed.Mismatches, m => m.Contains(Path.GetFileNameWithoutExtension(expected), StringComparison.Ordinal));
    }

    [Fact]
    public void TranscriptsKeepCallsLogsGlobalsAndMemory()
    {
        var run = new ModuleRun("wasmtime",
            [new CallOutcome("f", "i32:1 f64:nan", ["i64:-5", "v128:0x000000000000000000000000000000ff"]), new CallOutcome("g", "trap: unreachable", [])],
            [1, 2, 3, 0, 0, 0], ["g_i32=i32:7"]);
        var stem = Path.Combine(_dir, "one");
        Transcript.Write(stem, "seed 1 (own)", run);
        var back = Transcript.Read(stem);
        Assert.Null(RunComparison.FirstDifference(run, back));
        Assert.Equal(run.Memory, back.Memory);
        Assert.Equal(["f -> i32:1 f64:nan logs [i64:-5, v128:0x000000000000000000000000000000ff]", "g -> trap: unreachable"],
            back.Calls.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("v128:0x7fc00000000000000000000000000001", "v128:0xffc00001000000000000000000000001", true)] // f32 NaN lane 3
    [InlineData("v128:0x7ff80000000000010000000000000001", "v128:0xfff80000000000020000000000000001", true)] // f64 NaN lane 1
    [InlineData("v128:0x7fc00000000000000000000000000001", "v128:0x7fc00000000000000000000000000002", false)] // lane 0 differs
    [InlineData("i32:1 v128:0x00000000000000000000000000000000", "i32:2 v128:0x00000000000000000000000000000000", false)]
    [InlineData("f32:nan", "f32:nan", true)]
    public void V128sCompareNaNPayloadInsensitivelyPerLane(string a, string b, bool same) =>
        Assert.Equal(same, RunComparison.Same(a, b));

    [Fact]
    public void ModuleSeedsAreTheSameInEveryProcess()
    {
        // HashCode.Combine is randomized per process: a campaign's seed would not reproduce its modules
        Assert.Equal(FuzzCampaign.ModuleSeed(1, 0), FuzzCampaign.ModuleSeed(1, 0));
        Assert.Equal(595722552, FuzzCampaign.ModuleSeed(1, 0));
        Assert.NotEqual(FuzzCampaign.ModuleSeed(1, 0), FuzzCampaign.ModuleSeed(1, 1));
    }
}
