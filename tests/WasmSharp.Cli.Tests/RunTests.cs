using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

public class RunTests
{
    private static string Example => Path.Combine(SharedData.RepositoryRoot, "examples", "hello.wasm");

    [Fact]
    public void RunsTheHelloWorldExample()
    {
        var r = Cli.Run("run", Example);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hello, WebAssembly! (from hello.wasm)\n", r.Stdout);
    }

    public static IEnumerable<object[]> BenchPrograms() =>
        from p in BenchProgram.All()
        from compiler in new[] { "singlepass", "cil" }
        select new object[] { p.Name, compiler };

    [Theory]
    [MemberData(nameof(BenchPrograms))]
    public void RunsEveryBenchProgramWithItsChecksum(string name, string compiler)
    {
        var p = BenchProgram.All().Single(b => b.Name == name);
        var r = Cli.Run("run", "--compiler", compiler, p.WasmPath, p.SmallArg);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(p.SmallExpected + "\n", r.Stdout);
    }

    [Fact]
    public void ExitCodeIsTheGuestsProcExitCode()
    {
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                    (memory (export "memory") 1)
                    (func (export "_start") (call $exit (i32.const 42))))
            """);
        Assert.Equal(42, Cli.Run("run", wat).ExitCode);
    }

    [Fact]
    public void TrapPrintsReasonAndBacktraceAndExits134()
    {
        var wat = Cli.TempWat("(module (memory (export \"memory\") 1) (func $boom (unreachable)) (func (export \"_start\") (call $boom)))");
        var r = Cli.Run("run", wat);
        Assert.Equal(134, r.ExitCode);
        Assert.Contains("wasm trap: unreachable", r.Stderr);
        // wasmtime's layout: a header, then "   0: 0x<module offset> - <module>!<function>" per frame
        Assert.Contains("wasm backtrace:", r.Stderr);
        Assert.Matches(@"\n +0: 0x[0-9a-f]+ - [^\n]*!boom\n", r.Stderr.Replace("\r", ""));
    }

    [Fact]
    public void MissingImportNamesModuleAndField()
    {
        var wat = Cli.TempWat("(module (import \"env\" \"missing_fn\" (func)) (func (export \"_start\")))");
        var r = Cli.Run("run", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("\"env\" \"missing_fn\"", r.Stderr);
    }

    [Fact]
    public void InvalidModuleSaysWhatAndWhere()
    {
        const string Text = "(module (func (export \"_start\") (result i32) (i64.const 0)))";
        var wat = Cli.TempWat(Text);
        var r = Cli.Run("run", wat);
        Assert.Equal(1, r.ExitCode);
        // a .wat is reported at the instruction's line and column; a binary at its offset
        Assert.Equal($"{wat}:1:{Text.IndexOf("i64.const") + 1}: error: type mismatch", Assert.Single(r.ErrorLines));
        string wasm = Path.ChangeExtension(wat, ".wasm");
        Assert.Equal(0, Cli.Run("wat2wasm", "--no-validate", wat, "-o", wasm).ExitCode);
        r = Cli.Run("run", wasm);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("invalid: type mismatch (at offset 0x", r.Stderr);
    }

    [Fact]
    public void InvokeParsesArgumentsByTypeAndPrintsResults()
    {
        var wat = Cli.TempWat("""
            (module (func (export "mix") (param i32 i64 f64) (result i64 f64)
                      (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))
                      (f64.mul (local.get 2) (f64.const 2))))
            """);
        var r = Cli.Run("run", "--invoke", "mix", wat, "-5", "7", "1.25");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2\n2.5\n", r.Stdout);
    }

    [Fact]
    public void ArgumentsAfterTheFileGoToTheGuestEvenWithDashes()
    {
        // args_sizes_get: argc must count the program name and both guest words
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
                    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                    (memory (export "memory") 1)
                    (func (export "_start") (drop (call $sizes (i32.const 0) (i32.const 4))) (call $exit (i32.load (i32.const 0)))))
            """);
        Assert.Equal(3, Cli.Run("run", wat, "--verbose", "-x").ExitCode);
    }

    [Fact]
    public void EnvironmentAndMappedDirectoriesReachTheGuest()
    {
        // environ_sizes_get and a pre-open: count the variables, and check fd 3 is a pre-opened directory
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env (param i32 i32) (result i32)))
                    (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
                    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                    (memory (export "memory") 1)
                    (func (export "_start")
                      (drop (call $env (i32.const 0) (i32.const 4)))
                      (call $exit (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 10)) (call $prestat (i32.const 3) (i32.const 16))))))
            """);
        string dir = Directory.CreateTempSubdirectory("wasmsharp-cli").FullName;
        var r = Cli.Run("run", "--env", "A=1", "--env", "B=two", "--mapdir", "/data::" + dir, wat);
        Assert.Equal(20, r.ExitCode); // 2 variables, fd 3 pre-opened (errno 0)
        Assert.Equal(28, Cli.Run("run", "--env", "A=1", "--env", "B=two", wat).ExitCode); // no pre-open: EBADF (8)
    }

    [Fact]
    public void CpuOptionSelectsTheCodePath()
    {
        foreach (var cpu in new[] { "sse4.2", "avx" })
        {
            var r = Cli.Run("run", "--cpu", cpu, Example);
            Assert.Equal(0, r.ExitCode);
        }
        Assert.NotEqual(0, Cli.Run("run", "--cpu", "mmx", Example).ExitCode);
    }

    [Fact]
    public void BoundsChecksOptionSelectsTheChecksAndTargetTakesAValue()
    {
        var wat = Cli.TempWat("""(module (memory 1) (func (export "f") (param i32) (result i32) (i32.load (local.get 0))))""");
        foreach (var checks in new[] { "guard-pages", "explicit" })
        {
            Assert.Equal(0, Cli.Run("run", "--bounds-checks", checks, "--invoke", "f", wat, "0").ExitCode);
            var trap = Cli.Run("run", "--bounds-checks", checks, "--invoke", "f", wat, "65536");
            Assert.Equal(134, trap.ExitCode);
            Assert.Contains("out of bounds memory access", trap.Stderr);
        }
        Assert.NotEqual(0, Cli.Run("run", "--bounds-checks", "none", "--invoke", "f", wat, "0").ExitCode);
        // --target's value is not the module file: code for the host runs, foreign code is refused
        string host = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";
        string foreign = host == "aarch64" ? "x86_64" : "aarch64";
        Assert.Equal(0, Cli.Run("run", "--target", host, "--invoke", "f", wat, "0").ExitCode);
        var refused = Cli.Run("run", "--target", foreign, "--invoke", "f", wat, "0");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(foreign, refused.Stderr + refused.Stdout);
    }
}

public class CompileOptionTests
{
    private static BenchProgram Fib => BenchProgram.All().Single(b => b.Name == "fib");

    [Fact]
    public void NoParallelCompilationRunsTheSameProgram()
    {
        foreach (var compiler in new[] { "singlepass", "cil" })
        {
            var r = Cli.Run("run", "--no-parallel-compilation", "--compiler", compiler, Fib.WasmPath, Fib.SmallArg);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(Fib.SmallExpected + "\n", r.Stdout);
        }
    }

    [Fact]
    public void TimingsPrintTheLoadAndRunPhasesOnStderr()
    {
        var r = Cli.Run("run", "--timings", "--disable-cache", Fib.WasmPath, Fib.SmallArg);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Fib.SmallExpected + "\n", r.Stdout);
        Assert.Matches(@"wasmsharp timings: load \d+\.\d\d ms \(singlepass, up to \d+ threads?\), run \d+\.\d\d ms", r.Stderr);
        var serial = Cli.Run("run", "--timings", "--no-parallel-compilation", "--disable-cache", Fib.WasmPath, Fib.SmallArg);
        Assert.Contains("(singlepass, up to 1 thread)", serial.Stderr);
        // without the option nothing is printed
        Assert.DoesNotContain("timings", Cli.Run("run", "--disable-cache", Fib.WasmPath, Fib.SmallArg).Stderr);
    }

    [Fact]
    public void TimingsEnvironmentVariableDoesWhatTheOptionDoes()
    {
        // the benchmark harness sets WASMSHARP_TIMINGS=1 for every run instead of adding --timings to the command line
        var on = Cli.Bash($"WASMSHARP_TIMINGS=1 $WASMSHARP run --disable-cache '{Fib.WasmPath}' {Fib.SmallArg}", TimeSpan.FromSeconds(120));
        Assert.Equal(0, on.ExitCode);
        Assert.Equal(Fib.SmallExpected + "\n", on.Stdout);
        Assert.Matches(@"wasmsharp timings: load \d+\.\d\d ms \(singlepass, up to \d+ threads?\), run \d+\.\d\d ms", on.Stderr);
        var off = Cli.Bash($"WASMSHARP_TIMINGS=0 $WASMSHARP run --disable-cache '{Fib.WasmPath}' {Fib.SmallArg}", TimeSpan.FromSeconds(120));
        Assert.Equal(0, off.ExitCode);
        Assert.DoesNotContain("timings", off.Stderr);
    }
}
