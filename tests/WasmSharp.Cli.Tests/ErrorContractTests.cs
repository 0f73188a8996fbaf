namespace WasmSharp.Cli.Tests;

/// <summary>Every failure of the command is one <c>error: ...</c> line on stderr (a trap adds its backtrace; a problem
/// in a .wat file is <c>FILE:LINE:COL: error: ...</c>, see <see cref="WatDiagnosticTests"/>) with a documented exit
/// code: 1 error, 2 usage, 134 trap; never a .NET stack trace.</summary>
public class ErrorContractTests
{
    private const string Add32 = """(module (func (export "add32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""";

    private static void AssertOneErrorLine(Cli.Result r, string expected)
    {
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("error: ", r.ErrorLines[0]);
        Assert.Contains(expected, r.ErrorLines[0]);
    }

    [Fact]
    public void AnInvokeArgumentTooBigForItsTypeNamesArgumentTypeAndValue()
    {
        var r = Cli.Run("run", "--invoke", "add32", Cli.TempWat(Add32), "99999999999", "1");
        Assert.Equal(2, r.ExitCode);
        AssertOneErrorLine(r, "argument 1 of \"add32\" (i32): 99999999999 does not fit in i32");
    }

    [Fact]
    public void InvokeArgumentsAcceptBothSignedAndUnsignedRanges()
    {
        var wat = Cli.TempWat(Add32);
        Assert.Equal("-1\n", Cli.Run("run", "--invoke", "add32", wat, "4294967295", "0").Stdout);
        Assert.Equal("-2147483648\n", Cli.Run("run", "--invoke", "add32", wat, "-2147483648", "0").Stdout);
        var r = Cli.Run("run", "--invoke", "add32", wat, "1", "-2147483649");
        Assert.Equal(2, r.ExitCode);
        AssertOneErrorLine(r, "argument 2 of \"add32\" (i32): -2147483649 does not fit in i32");
        AssertOneErrorLine(Cli.Run("run", "--invoke", "add32", wat, "x", "1"), "\"x\" is not an integer");
        AssertOneErrorLine(Cli.Run("run", "--invoke", "add32", wat, "1"), "takes 2 arguments");
        AssertOneErrorLine(Cli.Run("run", "--invoke", "nope", wat), "no exported function \"nope\"");
    }

    [Fact]
    public void ATableTooLargeForTheHostIsAnErrorLine()
    {
        var r = Cli.Run("run", Cli.TempWat("""(module (table 10000001 funcref) (memory (export "memory") 1) (func (export "_start")))"""));
        Assert.Equal(1, r.ExitCode);
        AssertOneErrorLine(r, "10000001");
    }

    [Fact]
    public void AddressSpaceExhaustionIsAnErrorLine()
    {
        // a 6 GB address-space limit cannot hold a memory's 8 GiB reservation; the GC gets a small heap to fit
        var r = Cli.Bash($"ulimit -v 6000000; DOTNET_GCHeapHardLimit=0x10000000 $WASMSHARP run {Cli.Example("hello.wasm")}", TimeSpan.FromSeconds(60));
        if (r.ExitCode == 0)
        {
            Assert.Equal("Hello, WebAssembly! (from hello.wasm)\n", r.Stdout); // the runtime found another way
            return;
        }
        Assert.Equal(1, r.ExitCode);
        AssertOneErrorLine(r, "hello.wasm: ");
    }

    [Fact]
    public void CommandLineMistakesAreUsageErrors()
    {
        string hello = Cli.Example("hello.wasm");
        string[][] mistakes =
        [
            ["run"], ["run", "--bogus", "x.wasm"], ["frob"], ["run", "--cpu", "mmx", hello],
            ["run", "--max-wasm-stack", "lots", hello], ["run", "--compiler", "none", hello],
        ];
        foreach (var args in mistakes)
        {
            var r = Cli.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.ErrorLines);
            Assert.StartsWith("error: ", r.Stderr);
        }
    }

    [Fact]
    public void RunsHelpListsTheExitCodesAndDoesNotOfferCompilerNone()
    {
        string help = Cli.Run("run", "--help").Stdout;
        Assert.Contains("1 error, 2 bad command line, 134 trap, 141", help);
        Assert.DoesNotContain("none", help);
        Assert.Contains("none", Cli.Run("wast", "--help").Stdout);
    }

    [Fact]
    public void AMissingFileOrDirectoryIsAnError()
    {
        AssertOneErrorLine(Cli.Run("run", "no-such-file.wasm"), "no such file: ");
        AssertOneErrorLine(Cli.Run("run", "no/such/dir/x.wasm"), "no such file: ");
        var r = Cli.Run("run", "--dir", "/no/such/dir", Cli.Example("hello.wasm"));
        Assert.Equal(1, r.ExitCode);
        AssertOneErrorLine(r, "no such directory: /no/such/dir");
    }

    [Fact]
    public void DeepRecursionTrapsWithTheBudgetAndAFoldedBacktrace()
    {
        var r = Cli.Run("run", "--max-wasm-stack", "1M", "--invoke", "down", Cli.TempWat(RunPathTests.Recursion), "1000000");
        Assert.Equal(134, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains("call stack exhausted (the budget is 1M: raise it with --max-wasm-stack)", r.ErrorLines[0]);
        Assert.Equal("wasm backtrace:", r.ErrorLines[1]);
        // the innermost frame is at its entry check, every caller at the recursive call: one line, then one folded
        Assert.Matches(@"^   0: 0x[0-9a-f]+ - .+$", r.ErrorLines[2]);
        Assert.Matches(@"^   1: 0x[0-9a-f]+ - .+ \(\d+ times\)$", r.ErrorLines[3]);
    }
}
