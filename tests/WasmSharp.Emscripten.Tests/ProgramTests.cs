namespace WasmSharp.Emscripten.Tests;

/// <summary>
/// Every program of programs/cases.txt, in every mode it was built in, through plain <c>wasmsharp run</c> (no
/// Emscripten flag: the module is recognized by its imports) on both compilers: stdout and exit code must be what
/// node printed with emcc's glue. /data is an empty temporary directory, as node's in-memory FS starts.
/// </summary>
public sealed class ProgramTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in TestCase.All)
            foreach (var compiler in new[] { "singlepass", "cil" })
                data.Add(c.Mode, c.Name, compiler);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_node(string mode, string name, string compiler)
    {
        var c = TestCase.Get(mode, name);
        using var data = new WasmSharpCommand.TempDir();
        var args = new List<string> { "run", "--compiler", compiler, "--mapdir", "/data::" + data.Path };
        foreach (var (k, v) in c.Env) args.AddRange(["--env", $"{k}={v}"]);
        args.Add(c.Wasm);
        args.AddRange(c.Args);

        var r = WasmSharpCommand.Run(c.Stdin is null ? null : Path.Combine(TestCase.Root, "programs", c.Stdin), [.. args]);

        Assert.True(c.ExpectedStdout == r.Stdout, $"stdout differs for {c} on {compiler}\n--- node\n{c.ExpectedStdout}\n--- wasmsharp\n{r.Stdout}\n--- stderr\n{r.Stderr}");
        Assert.Equal(c.ExpectedExit, r.ExitCode);
    }

    [Fact]
    public void Every_mode_and_program_is_covered()
    {
        Assert.Equal(["js", "opt", "standalone"], TestCase.All.Select(c => c.Mode).Distinct().Order());
        foreach (var c in TestCase.All) Assert.True(File.Exists(c.Wasm), $"{c.Wasm} is missing: run build.sh");
    }
}
