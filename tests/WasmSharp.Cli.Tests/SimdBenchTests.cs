using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>The auto-vectorized programs of <c>../shared/bench-simd</c> with their small arguments and checksums.</summary>
public class SimdBenchTests
{
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

    /// <summary>Singlepass's two x86-64 code paths (AVX only where the CPU has it).</summary>
    public static IEnumerable<object[]> SinglepassPaths() =>
        from p in BenchProgram.Simd()
        from path in System.Runtime.Intrinsics.X86.Avx.IsSupported
            ? new[] { "WASMSHARP_CPU=sse4.2", "WASMSHARP_CPU=avx" }
            : ["WASMSHARP_CPU=sse4.2"]
        select new object[] { p.Name, path };

    [Theory]
    [MemberData(nameof(SinglepassPaths))]
    public void RunsOnSinglepassWithItsChecksum(string name, string path) => AssertChecksum(name, "singlepass", path);

    /// <summary>Singlepass compiles these for AArch64 (NEON): on an AArch64 host they run to their checksum; on
    /// another host the code compiles and only running foreign code is refused (never "unsupported feature").
    /// tests/arm64/simd.sh runs them under qemu.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void SinglepassCompilesForAArch64(string name)
    {
        var p = BenchProgram.Simd().Single(b => b.Name == name);
        var r = Cli.Run("run", "--compiler", "singlepass", "--target", "aarch64", p.WasmPath, p.SmallArg);
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64)
        {
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(p.SmallExpected + "\n", r.Stdout);
            return;
        }
        Assert.NotEqual(0, r.ExitCode);
        Assert.DoesNotContain("unsupported feature", r.Stderr);
        Assert.Contains("aarch64", r.Stderr);
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
