using WasmSharp.Fuzz;
using Xunit.Abstractions;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// The bounded CI smoke of the differential fuzzer: fixed seeds, both generators, every engine. The long run is
/// <c>dotnet run -c Release --project tests/WasmSharp.Fuzz -- --seconds N</c>.
/// </summary>
public class FuzzSmokeTests(ITestOutputHelper output)
{
    /// <summary>Modules per test (about a minute each here); FUZZ_SMOKE_MODULES overrides both.</summary>
    private static int Modules(int standard) => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SMOKE_MODULES"), out int n) ? n : standard;

    [Fact]
    public void BinaryenModulesRunAlikeOnEveryEngine()
    {
        Assert.True(BinaryenModules.Available, "wasm-opt is missing: apt-get install binaryen");
        int modules = Modules(500);
        var totals = Campaign(seed: 17, modules, binaryen: true);
        Assert.True(totals.BinaryenModules >= modules / 2, $"wasm-opt made too few modules: {totals}");
    }

    [Fact]
    public void OwnModulesRunAlikeOnEveryEngine()
    {
        int modules = Modules(700);
        var totals = Campaign(seed: 23, modules, binaryen: false);
        Assert.Equal(modules, totals.OwnModules);
        Assert.Equal(0, totals.ReferenceErrors);
        Assert.True(totals.SimdModules > modules / 5, $"a third of our own modules should use SIMD: {totals}");
    }

    private FuzzTotals Campaign(int seed, int modules, bool binaryen)
    {
        var options = new FuzzOptions
        {
            Seed = seed, MaxModules = modules, Duration = TimeSpan.FromMinutes(3),
            UseBinaryen = binaryen, UseOwnGenerator = !binaryen,
        };
        var totals = new FuzzCampaign(options, Engines.List).Run();
        output.WriteLine(totals.ToString());
        Assert.True(totals.Calls > totals.Modules, $"the modules should export functions that run: {totals}");
        Assert.True(totals.Mismatches.Count == 0, string.Join("\n", totals.Mismatches));
        return totals;
    }
}
