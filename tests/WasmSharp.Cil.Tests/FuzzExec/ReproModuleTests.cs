using WasmSharp.Singlepass;

namespace WasmSharp.Cil.Tests.FuzzExec;

/// <summary>The modules of ../shared/repro (binaryen fuzzer finds on which our compilers disagreed) on every
/// compiler, against binaryen's interpreter.</summary>
public class ReproModuleTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "cil-mismatch-03286", "cil-mismatch-03892" })
            foreach (var compiler in new[] { "singlepass", "cil", "cil-lazy" })
                data.Add(name, compiler);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesBinaryensInterpreter(string name, string compiler)
    {
        string dir = Path.Combine(Wast.SharedData.Root, "repro");
        var wasm = File.ReadAllBytes(Path.Combine(dir, name + ".wasm"));
        var expected = FuzzExecTranscript.Parse(File.ReadAllText(Path.Combine(dir, name + ".expected.txt")));
        var actual = FuzzExecRun.Run(Engine(compiler), wasm);
        Assert.Null(FuzzExecRun.FirstDifference(expected, actual));
    }

    private static Engine Engine(string compiler) => compiler switch
    {
        "singlepass" => new Engine(new SinglepassCompiler()),
        "cil" => new Engine(new CilCompiler()),
        _ => new Engine(new CilCompiler { LazyThreshold = 0 }),
    };
}
