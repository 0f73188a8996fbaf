namespace WasmSharp.Cli.Tests;

/// <summary><c>create-exe</c>: an executable made from the NativeAOT wasmsharp alone runs the module without .NET,
/// with guest arguments and WASI options baked in or given at run time.</summary>
public class CreateExeTests
{
    private static string Hello => Cli.Example("hello.wasm");

    private static string CreateExe(string module, string name, params string[] options)
    {
        string exe = Path.Combine(NativeCli.TempRoot, name);
        var r = Cli.Execute(Process(NativeCli.Path, ["create-exe", module, "-o", exe, .. options]), "create-exe");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return exe;
    }

    private static System.Diagnostics.ProcessStartInfo Process(string program, string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    [Fact]
    public void HelloRunsWithoutDotnet()
    {
        string exe = CreateExe(Hello, "hello");
        var r = NativeCli.RunWithoutDotnet(exe);
        Assert.Equal((0, "Hello, WebAssembly! (from hello)\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public void ABenchProgramGetsItsArguments()
    {
        var fib = BenchProgram.All().Single(b => b.Name == "fib");
        string exe = CreateExe(fib.WasmPath, "fib");
        var r = NativeCli.RunWithoutDotnet(exe, fib.SmallArg);
        Assert.Equal((0, fib.SmallExpected + "\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public void AnArtifactBecomesAnExecutableWithItsCpuLevel()
    {
        string artifact = Path.Combine(NativeCli.TempRoot, "hello-sse.wsm");
        var compiled = Cli.Execute(Process(NativeCli.Path, ["compile", "--target", "x86_64-sse4.2", Hello, "-o", artifact]), "compile");
        Assert.True(compiled.ExitCode == 0, compiled.Stderr);
        string exe = CreateExe(artifact, "hello-from-artifact");
        var r = NativeCli.RunWithoutDotnet(exe);
        Assert.Equal((0, "Hello, WebAssembly! (from hello-from-artifact)\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
        // an artifact the executable could not load is refused when the executable is made, not when it runs
        var aarch64 = Path.Combine(NativeCli.TempRoot, "hello-aarch64.wsm");
        Assert.Equal(0, Cli.Execute(Process(NativeCli.Path, ["compile", "--target", "aarch64", Hello, "-o", aarch64]), "compile").ExitCode);
        var refused = Cli.Execute(Process(NativeCli.Path, ["create-exe", aarch64, "-o", Path.Combine(NativeCli.TempRoot, "never")]), "create-exe");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("holds aarch64 code", Assert.Single(refused.ErrorLines));
        Assert.False(File.Exists(Path.Combine(NativeCli.TempRoot, "never")));
    }

    /// <summary>Exits with 10 * (number of environment variables) + (number of arguments).</summary>
    private const string CountEnvAndArgs = """
        (module
          (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (drop (call $env (i32.const 0) (i32.const 4)))
            (drop (call $args (i32.const 8) (i32.const 12)))
            (call $exit (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 10)) (i32.load (i32.const 8))))))
        """;

    [Fact]
    public void OptionsBakedInAndGivenAtRunTimeAddUp()
    {
        string exe = CreateExe(Cli.TempWat(CountEnvAndArgs), "count", "--env", "A=1");
        Assert.Equal(11, NativeCli.RunWithoutDotnet(exe).ExitCode); // A; argv[0]
        Assert.Equal(23, NativeCli.RunWithoutDotnet(exe, "--env", "B=2", "x", "y").ExitCode); // A, B; argv[0], x, y
        Assert.Equal(13, NativeCli.RunWithoutDotnet(exe, "--", "--env", "y").ExitCode); // after --, the guest's
    }

    [Fact]
    public void TheJitBuildRefusesWithAReason()
    {
        var r = Cli.Run("create-exe", Hello, "-o", Path.Combine(Path.GetTempPath(), $"wasmsharp-{Guid.NewGuid():N}"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("create-exe needs the NativeAOT build", Assert.Single(r.ErrorLines));
    }
}
