namespace WasmSharp.Emscripten.Tests;

/// <summary>
/// The -sSTANDALONE_WASM build of timing.c reads its clocks through WASI. emcc 3.1.6's node glue gets them wrong
/// (time() before 2020, a negative clock()), so node cannot give its expectation; the program prints only facts
/// that hold for any correct clock, so the JavaScript-mode expectation is the truth for it too.
/// </summary>
public sealed class TimingTests
{
    [Theory]
    [InlineData("singlepass")]
    [InlineData("cil")]
    public void Standalone_clocks_tell_the_same_truth(string compiler)
    {
        var r = WasmSharpCommand.Run(null, "run", "--compiler", compiler, Path.Combine(TestCase.Root, "wasm", "standalone", "timing.wasm"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(TestCase.Get("js", "timing").ExpectedStdout, r.Stdout);
    }
}
