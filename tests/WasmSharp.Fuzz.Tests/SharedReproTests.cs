using WasmSharp.Fuzz;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// The reproducers in ../shared/repro (binaryen -ttf modules on which CIL and Singlepass once disagreed): every
/// engine's results, logs, globals and final memory must equal Wasmtime's.
/// </summary>
public class SharedReproTests
{
    private static readonly string ReproDir = Path.Combine(RepoRoot(), "..", "shared", "repro");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in new[] { "cil-mismatch-03286", "cil-mismatch-03892" })
            foreach (var engine in Engines.UnderTest())
                if ((module, engine) != ("cil-mismatch-03892", "cil")) data.Add(module, engine);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithWasmtime(string module, string engine) => Check(module, engine);

    [Fact]
    public void Cil03892FinalMemory() => Check("cil-mismatch-03892", "cil");

    private static void Check(string module, string engine)
    {
        var path = Path.Combine(ReproDir, module + ".wasm");
        Assert.True(File.Exists(path), $"{path} is missing: the tests need ../shared beside the repository");
        var wasm = File.ReadAllBytes(path);
        var reference = Engines.Reference.Run(wasm);
        Assert.NotEmpty(reference.Calls);
        Assert.Null(RunComparison.FirstDifference(reference, Engines.Named(engine).Run(wasm)));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WasmSharp.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("WasmSharp.slnx not found above the test binaries");
    }
}
