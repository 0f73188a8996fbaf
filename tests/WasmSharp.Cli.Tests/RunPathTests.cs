using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

/// <summary>How <c>run</c> finds its way to the guest: argument separators, reactors, modules without memory, and
/// the stack the guest runs on.</summary>
public class RunPathTests
{
    /// <summary>"down" recurses N deep and returns N.</summary>
    internal const string Recursion = """
        (module (func $down (export "down") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))
        """;

    /// <summary>Prints its argv, one argument per line.</summary>
    private static readonly Lazy<string> EchoArgs = new(() => Cli.TempWat("""
        (module (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_get" (func $get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start") (local $i i32)
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (drop (call $get (i32.const 16) (i32.const 1024)))
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 4))))
              (if (i32.eqz (i32.load8_u offset=1024 (local.get $i))) (then (i32.store8 offset=1024 (local.get $i) (i32.const 10))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (i32.store (i32.const 8) (i32.const 1024)) (i32.store (i32.const 12) (i32.load (i32.const 4)))
            (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))))
        """));

    private static string[] GuestArgv(params string[] runArgs)
    {
        var r = Cli.Run(["run", .. runArgs]);
        Assert.Equal(0, r.ExitCode);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]; // argv[0] is the file name
    }

    [Fact]
    public void ADashDashAfterTheFileSeparatesAndALaterOneIsTheGuests()
    {
        string app = EchoArgs.Value;
        Assert.Equal(["a", "b"], GuestArgv(app, "--", "a", "b"));
        Assert.Equal(["--", "x"], GuestArgv(app, "--", "--", "x"));
        Assert.Equal(["a", "--", "b"], GuestArgv(app, "a", "--", "b"));
        Assert.Equal(["a"], GuestArgv("--", app, "a"));
        Assert.Equal(["--verbose"], GuestArgv(app, "--verbose"));
    }

    [Fact]
    public void FibWithDashDashGetsItsArgument()
    {
        var fib = BenchProgram.All().Single(b => b.Name == "fib");
        var r = Cli.Run("run", fib.WasmPath, "--", fib.SmallArg);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(fib.SmallExpected + "\n", r.Stdout);
    }

    [Fact]
    public void InvokeOnAReactorCallsInitializeFirst()
    {
        var wat = Cli.TempWat("""
            (module (global $base (mut i32) (i32.const 0))
              (func (export "_initialize") (global.set $base (i32.const 100)))
              (func (export "get") (param i32) (result i32) (i32.add (global.get $base) (local.get 0))))
            """);
        var r = Cli.Run("run", "--invoke", "get", wat, "5");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("105\n", r.Stdout);
    }

    [Fact]
    public void InvokeOnACommandDoesNotRunStart()
    {
        var wat = Cli.TempWat("""(module (func (export "_start") unreachable) (func (export "seven") (result i32) (i32.const 7)))""");
        var r = Cli.Run("run", "--invoke", "seven", wat);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("7\n", r.Stdout);
    }

    [Fact]
    public void StartWithoutExportedMemoryRuns()
    {
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (func (export "_start") (call $exit (i32.const 3))))
            """);
        Assert.Equal(3, Cli.Run("run", wat).ExitCode);
    }

    [Fact]
    public void AWasiCallThatNeedsMemoryFailsCleanlyWithoutIt()
    {
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
              (func (export "_start") (drop (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))))
            """);
        var r = Cli.Run("run", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("exports no \"memory\"", r.Stderr);
    }

    [Theory]
    [InlineData("singlepass")]
    [InlineData("cil")]
    public void ABudgetLargerThanTheMainThreadsStackIsUsable(string compiler)
    {
        // 300,000 frames need far more than the 8 MiB a main thread usually gets: the guest thread is sized from
        // the budget, so this returns instead of trapping or crashing
        var r = Cli.Run("run", "--compiler", compiler, "--max-wasm-stack", "256M", "--invoke", "down", Cli.TempWat(Recursion), "300000");
        Assert.Equal("", r.Stderr);
        Assert.Equal("300000\n", r.Stdout);
    }
}
