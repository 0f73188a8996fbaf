using WasmSharp.Fuzz;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// Each mismatch the fuzzer found, reduced to a WAT module beside its expected observations (one
/// "export -> result [logs]" line per call, as <see cref="CallOutcome"/> prints them), checked on every engine.
/// </summary>
public class RegressionTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Regressions");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var wat in Directory.GetFiles(Dir, "*.wat").Order())
            foreach (var engine in Engines.UnderTest().Prepend("wasmtime"))
                data.Add(Path.GetFileNameWithoutExtension(wat), engine);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RunsAsExpected(string module, string engine) => Check(module, engine);

    private static void Check(string module, string engine)
    {
        var wasm = WasmSharp.Text.Wat.ToBinary(File.ReadAllText(Path.Combine(Dir, module + ".wat")));
        var expected = File.ReadAllLines(Path.Combine(Dir, module + ".expected")).Where(l => l.Length > 0);
        var run = Engines.Named(engine).Run(wasm);
        Assert.Equal(expected, run.Calls.Select(c => c.ToString()));
    }
}
