using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>The auto-vectorized programs of <c>../shared/bench-simd</c> with their small arguments and checksums.</summary>
public class SimdBenchTests
{
    private const string SinglepassHasNoSimd = "Singlepass: unsupported feature: simd";

    public static IEnumerable<object[]> Programs() => BenchProgram.Simd().Select(p => new object[] { p.Name });

    /// <summary>RyuJIT code paths the SIMD helpers choose between: the host's best, SSE only (no AVX), and no
    /// hardware intrinsics at all (the portable Vector128 fallbacks, as on a CPU without SSSE3/SSE4.1).</summary>
    public static IEnumerable<object[]> CilPaths() =>
        from p in BenchProgram.Simd()
        from path in new[] { "host", "DOTNET_EnableAVX=0", "DOTNET_EnableHWIntrinsic=0" }
        select new object[] { p.Name, path };

    [Fact]
    public void TheReadmeListsThreePrograms() =>
        Assert.Equal(["vblur", "vmath", "vpixel"], BenchProgram.Simd().Select(p => p.Name).Order());

    [Theory]
    [MemberData(nameof(CilPaths))]
    public void RunsOnCilWithItsChecksum(string name, string path) => AssertChecksum(name, "cil", path);

    [Theory(Skip = SinglepassHasNoSimd)]
    [MemberData(nameof(Programs))]
    public void RunsOnSinglepassWithItsChecksum(string name) => AssertChecksum(name, "singlepass", "host");

    /// <summary>Until Singlepass compiles SIMD, it must refuse these modules by name, not run them wrongly.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void SinglepassRefusesWithTheUnsupportedFeature(string name)
    {
        var p = BenchProgram.Simd().Single(b => b.Name == name);
        var r = Cli.Run("run", "--compiler", "singlepass", p.WasmPath, p.SmallArg);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("unsupported feature: simd", r.Stderr);
    }

    private static void AssertChecksum(string name, string compiler, string path)
    {
        var p = BenchProgram.Simd().Single(b => b.Name == name);
        var psi = new ProcessStartInfo("dotnet");
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll"), "run", "--compiler", compiler, p.WasmPath, p.SmallArg })
            psi.ArgumentList.Add(a);
        if (path != "host") psi.Environment[path.Split('=')[0]] = path.Split('=')[1];
        var r = Cli.Execute(psi, $"{path} wasmsharp run --compiler {compiler} {name}");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(p.SmallExpected + "\n", r.Stdout);
    }
}
