using System.Text;
using Xunit.Abstractions;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>
/// The WASI preview1 test suite (72 tests). Each runs its module on the injected engine (<see cref="WasiTestEngine"/>)
/// with the suite's args, env and a fresh copy of its root pre-opened as "/", then checks the exit code and the
/// stdout/stderr prefixes. Run one: <c>dotnet test --filter "DisplayName~fd_readdir"</c>.
/// </summary>
/// <remarks>Serialized with the other suite tests: one of them sets the compiler environment variable.</remarks>
[Collection("wasi engine")]
public class WasiTestsuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static IEnumerable<object[]> Ids() => WasiSuiteCase.AllIds().Select(id => new object[] { id });

    [Theory]
    [WasiSuiteData]
    public void Run(string id) => RunOn(WasiTestEngine.Create(), id, output);

    /// <summary>Runs one suite test on <paramref name="engine"/> and checks exit code and output prefixes.</summary>
    internal static void RunOn(Engine engine, string id, ITestOutputHelper output)
    {
        var test = WasiSuiteCase.Load(id);
        using var root = test.RootDir is null ? null : new ScratchRoot(test.RootDir);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        using var timeout = new CancellationTokenSource(Timeout);
        int code = WasiRunner.Run(engine, File.ReadAllBytes(test.WasmPath), test.Config(root?.Path, stdout, stderr), timeout.Token);
        string outText = Encoding.UTF8.GetString(stdout.ToArray()), errText = Encoding.UTF8.GetString(stderr.ToArray());
        output.WriteLine($"exit {code}\n--- stdout\n{outText}\n--- stderr\n{errText}");
        Assert.Equal(test.ExitCode, code);
        if (test.Stdout is not null) Assert.StartsWith(test.Stdout, outText, StringComparison.Ordinal);
        if (test.Stderr is not null) Assert.StartsWith(test.Stderr, errText, StringComparison.Ordinal);
    }
}
