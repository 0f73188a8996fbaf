using WasmSharp.Fuzz;
using Xunit.Abstractions;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// The bounded CI smoke of the differential fuzzer: fixed seeds, both generators, every engine. The long run is
/// <c>dotnet run -c Release --project tests/WasmSharp.Fuzz -- --seconds N</c>.
/// </summary>
public class FuzzSmokeTests(ITestOutputHelper output)
{
    /// <summary>Modules per generator; FUZZ_SMOKE_MODULES overrides it.</summary>
    private static int Modules => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SMOKE_MODULES"), out int n) ? n : 300;

    [Fact]
    public void BinaryenModulesRunAlikeOnEveryEngine()
    {
        Assert.True(BinaryenModules.Available, "wasm-opt is missing: apt-get install binaryen");
        var totals = Campaign(seed: 17, binaryen: true);
        Assert.True(totals.BinaryenModules >= Modules / 2, $"wasm-opt made too few modules: {totals}");
    }

    [Fact]
    public void OwnModulesRunAlikeOnEveryEngine()
    {
        var totals = Campaign(seed: 23, binaryen: false);
        Assert.Equal(Modules, totals.OwnModules);
        Assert.Equal(0, totals.ReferenceErrors);
    }

    private FuzzTotals Campaign(int seed, bool binaryen)
    {
        var options = new FuzzOptions
        {
            Seed = seed, MaxModules = Modules, Duration = TimeSpan.FromMinutes(2),
            UseBinaryen = binaryen, UseOwnGenerator = !binaryen,
        };
        var totals = new FuzzCampaign(options, Engines.List).Run();
        output.WriteLine(totals.ToString());
        Assert.True(totals.Calls > totals.Modules, $"the modules should export functions that run: {totals}");
        Assert.True(totals.Mismatches.Count == 0, string.Join("\n", totals.Mismatches));
        return totals;
    }
}
