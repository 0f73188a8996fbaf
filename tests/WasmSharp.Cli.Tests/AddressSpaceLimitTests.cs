using System.Diagnostics;
using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

/// <summary>The runtime under <c>ulimit -v</c>: memories reserve what fits (explicit bounds checks), and a memory that
/// cannot be reserved is a clear error, not a crash.</summary>
public class AddressSpaceLimitTests
{
    private const string FourGiBInKiB = "4194304";

    private static string Example => Path.Combine(SharedData.RepositoryRoot, "examples", "hello.wasm");

    [Theory]
    [InlineData("singlepass")]
    [InlineData("cil")]
    public void HelloRunsUnderAFourGiBAddressSpaceLimit(string compiler)
    {
        var r = RunLimited(FourGiBInKiB, "run", "--compiler", compiler, Example);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Equal("Hello, WebAssembly! (from hello.wasm)\n", r.Stdout);
    }

    [Fact]
    public void AMemoryThatDoesNotFitIsAClearError()
    {
        string wat = Cli.TempWat("(module (memory 65536) (func (export \"_start\")))");
        try
        {
            var r = RunLimited(FourGiBInKiB, "run", wat);
            Assert.NotEqual(0, r.ExitCode);
            Assert.True(r.ExitCode < 128, $"killed by a signal: exit {r.ExitCode}");
            Assert.Contains("cannot reserve 4 GiB of address space for memory 0", r.Stderr);
            Assert.StartsWith("error: ", r.Stderr);
            Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(wat);
        }
    }

    /// <summary>Runs the command in a shell that first lowers the address-space limit to <paramref name="kib"/> KiB.</summary>
    private static Cli.Result RunLimited(string kib, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"ulimit -v {kib} && exec dotnet \"$@\"");
        psi.ArgumentList.Add("bash");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Cli.Execute(psi, $"wasmsharp {string.Join(' ', args)} under ulimit -v {kib}");
    }
}
