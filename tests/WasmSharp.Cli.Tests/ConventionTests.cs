namespace WasmSharp.Cli.Tests;

/// <summary>The habits users bring from wasmtime and wasmer: <c>wasmsharp FILE</c> without <c>run</c>,
/// <c>--argv0</c>, <c>--env NAME</c>, <c>--version</c>, named backtraces for <c>.wat</c> modules.</summary>
public class ConventionTests
{
    private const string Hello = "Hello, WebAssembly! (from hello.wasm)\n";

    /// <summary>Writes its whole environment block (NUL-separated NAME=VALUE strings) to stdout.</summary>
    private static readonly Lazy<string> PrintEnv = new(() => Cli.TempWat("""
        (module (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_get" (func $get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (func (export "_start")
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (drop (call $get (i32.const 16) (i32.const 4096)))
            (i32.store (i32.const 8) (i32.const 4096)) (i32.store (i32.const 12) (i32.load (i32.const 4)))
            (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))))
        """));

    [Fact]
    public void AModuleFileFirstMeansRun()
    {
        var r = Cli.Run(Cli.Example("hello.wasm"), "extra", "--flag");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Hello, r.Stdout);
    }

    [Fact]
    public void RunOptionsFirstMeanRunToo()
    {
        var r = Cli.Run("--compiler", "cil", Cli.Example("hello.wasm"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Hello, r.Stdout);
    }

    [Fact]
    public void AMistypedCommandIsStillReportedAsOne()
    {
        var r = Cli.Run("valdate", "x");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unrecognized command or argument 'valdate'", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void Argv0ReplacesTheFileName()
    {
        var r = Cli.Run("run", "--argv0", "myprog", Cli.Example("hello.wasm"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hello, WebAssembly! (from myprog)\n", r.Stdout);
    }

    [Fact]
    public void EnvWithoutAValueInheritsTheHostsValue()
    {
        string path = Environment.GetEnvironmentVariable("PATH")!;
        var r = Cli.Run("run", "--env", "PATH", "--env", "A=b", PrintEnv.Value);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"PATH={path}\0A=b\0", r.Stdout);
    }

    [Fact]
    public void EnvOfAnUnsetVariableIsAnError()
    {
        var r = Cli.Run("run", "--env", "WASMSHARP_SURELY_UNSET_42", PrintEnv.Value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("WASMSHARP_SURELY_UNSET_42 is not set", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void VersionNamesTheCompilersAndTheCpuPath()
    {
        var r = Cli.Run("--version");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^wasmsharp \d+\.\d+\.\d+", lines[0]);
        Assert.Equal("compilers: singlepass, cil", lines[1]); // the tests run the JIT build
        Assert.Matches(@"^cpu: (x86_64\+(avx|sse4\.2)|aarch64) \((detected|WASMSHARP_CPU=.*)\)$", lines[2]);
    }

    [Fact]
    public void AWatModuleTrapsWithFunctionNames()
    {
        var wat = Cli.TempWat("""
            (module $demo
              (func $inner (unreachable))
              (func $outer (call $inner))
              (func (export "_start") (call $outer)))
            """);
        var r = Cli.Run(wat);
        Assert.Equal(134, r.ExitCode);
        Assert.Equal("wasm backtrace:", r.ErrorLines[1]);
        string[] names = ["demo!inner", "demo!outer", "demo!func[2]"];
        Assert.Equal(names.Length, r.ErrorLines.Length - 2);
        for (int i = 0; i < names.Length; i++) Assert.Matches($@"^   {i}: 0x[0-9a-f]+ - {System.Text.RegularExpressions.Regex.Escape(names[i])}$", r.ErrorLines[2 + i]);
    }

    [Fact]
    public void ADeepBacktraceSaysItWasCutShort()
    {
        var wat = Cli.TempWat("""(module (func $down (call $down)) (func (export "_start") (call $down)))""");
        var r = Cli.Run(wat);
        Assert.Equal(134, r.ExitCode);
        Assert.Contains("call stack exhausted", r.ErrorLines[0]);
        Assert.StartsWith($"... (backtrace cut short: the innermost {Store.MaxBacktraceFrames} frames)", r.ErrorLines[^1].Trim());
    }

    /// <summary>Returns its arguments unchanged.</summary>
    private static readonly Lazy<string> Identity = new(() => Cli.TempWat("""
        (module
          (func (export "i32") (param i32) (result i32) (local.get 0))
          (func (export "i64") (param i64) (result i64) (local.get 0))
          (func (export "f32") (param f32) (result f32) (local.get 0))
          (func (export "f64") (param f64) (result f64) (local.get 0)))
        """));

    private static Cli.Result InvokeIdentity(string function, string argument) =>
        Cli.Run("run", "--invoke", function, Identity.Value, argument);

    [Theory]
    [InlineData("i32", "0xff", "255")]
    [InlineData("i32", "0xFFFFFFFF", "-1")]
    [InlineData("i32", "-0x10", "-16")]
    [InlineData("i64", "0x7fffffffffffffff", "9223372036854775807")]
    [InlineData("f32", "inf", "inf")]
    [InlineData("f32", "-inf", "-inf")]
    [InlineData("f64", "nan", "nan")]
    [InlineData("f64", "-nan", "-nan")]
    [InlineData("f64", "1.5e300", "1.5E+300")]
    public void InvokeReadsHexInfinitiesAndNans(string function, string argument, string printed)
    {
        var r = InvokeIdentity(function, argument);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(printed + "\n", r.Stdout);
    }

    [Theory]
    [InlineData("i32", "0x100000000", "does not fit in i32")]
    [InlineData("i32", "0x", "is not an integer")]
    [InlineData("i64", "--5", "is not an integer")]
    [InlineData("f32", "1e39", "1e39 does not fit in f32")]
    [InlineData("f64", "1e400", "1e400 does not fit in f64")]
    [InlineData("f64", "one", "is not a number")]
    public void InvokeRejectsValuesThatDoNotFit(string function, string argument, string message)
    {
        var r = InvokeIdentity(function, argument);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void ValidateAndInspectReadWat()
    {
        var wat = Cli.TempWat("""(module $m (import "env" "f" (func (param i64) (result f32))) (memory (export "mem") 1 2) (func (export "g") (param i32)))""");
        var v = Cli.Run("validate", wat);
        Assert.Equal(0, v.ExitCode);
        Assert.EndsWith(": valid\n", v.Stdout);
        var i = Cli.Run("inspect", wat);
        Assert.Equal(0, i.ExitCode);
        Assert.Contains("module name: m", i.Stdout);
        Assert.Contains("\"env\" \"f\": (func (param i64) (result f32)) (type 0)", i.Stdout);
        Assert.Contains("\"g\": func 1 (func (param i32))", i.Stdout);
        Assert.Contains("\"mem\": memory 0 (memory 1 2)", i.Stdout);
        Assert.Contains("\"type\": \"(func (param i32))\"", Cli.Run("inspect", "--json", wat).Stdout);
    }

    [Fact]
    public void MalformedWatIsReportedAtItsLineAndColumn()
    {
        var wat = Cli.TempWat("(module\n  (func (result i32)\n    (i32.add (i32.const 1) (i32.constx 2))))");
        var r = Cli.Run("validate", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{wat}:3:29: error: unknown operator \"i32.constx\"", Assert.Single(r.ErrorLines));
    }
}
