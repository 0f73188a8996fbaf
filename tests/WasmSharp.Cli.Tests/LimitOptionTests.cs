using WasmSharp.Wast;

namespace WasmSharp.Cli.Tests;

/// <summary><c>run --max-memory</c> (a resource limiter on the guest's store) and <c>run --timeout</c> (an epoch
/// deadline ticked by a timer), on both compilers, and their usage errors.</summary>
public class LimitOptionTests
{
    private static readonly Lazy<string> Grower = new(() => Cli.TempWat("""
        (module (memory 1) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
        """));

    private static readonly Lazy<string> Spin = new(() => Cli.TempWat("""
        (module (memory (export "memory") 1) (func $spin loop br 0 end) (func (export "_start") call $spin))
        """));

    [Theory]
    [InlineData("singlepass")]
    [InlineData("cil")]
    public void MemoryGrowBeyondMaxMemoryReturnsMinusOne(string compiler)
    {
        var ok = Cli.Run("run", "--compiler", compiler, "--max-memory", "128KiB", "--invoke", "grow", Grower.Value, "1");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("1\n", ok.Stdout);
        var denied = Cli.Run("run", "--compiler", compiler, "--max-memory", "128K", "--invoke", "grow", Grower.Value, "2");
        Assert.Equal(0, denied.ExitCode);
        Assert.Equal("-1\n", denied.Stdout);
        var unlimited = Cli.Run("run", "--compiler", compiler, "--invoke", "grow", Grower.Value, "2");
        Assert.Equal("1\n", unlimited.Stdout);
    }

    [Fact]
    public void InitialMemoryBeyondMaxMemoryFailsInstantiation()
    {
        var wat = Cli.TempWat("(module (memory (export \"memory\") 4) (func (export \"_start\")))");
        var r = Cli.Run("run", "--max-memory", "192KiB", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("needs 4 pages (262144 bytes), denied by the store's resource limiter (StoreLimits.MemoryBytes is 196608)", r.Stderr);
        Assert.Equal(0, Cli.Run("run", "--max-memory", "256KiB", wat).ExitCode);
    }

    [Theory]
    [InlineData("singlepass")]
    [InlineData("cil")]
    public void TimeoutStopsAnEndlessGuest(string compiler)
    {
        var r = Cli.Run("run", "--compiler", compiler, "--timeout", "300ms", Spin.Value);
        Assert.Equal(134, r.ExitCode);
        Assert.Contains("wasm trap: epoch deadline reached (the --timeout of 300ms ran out)", r.Stderr);
    }

    [Fact]
    public void GuestThatFinishesInTimeIsNotStopped()
    {
        var r = Cli.Run("run", "--timeout", "1m", Path.Combine(SharedData.RepositoryRoot, "examples", "hello.wasm"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Hello", r.Stdout);
    }

    [Theory]
    [InlineData("--max-memory", "64Q", "--max-memory expects a size such as 65536, 64K or 64MiB, got \"64Q\"")]
    [InlineData("--max-memory", "1.5M", "--max-memory expects a size")]
    [InlineData("--max-memory", "99999999999999999999G", "--max-memory expects a size")]
    [InlineData("--timeout", "5", "--timeout expects a duration of at least 1ms such as 500ms, 2s or 1m, got \"5\"")]
    [InlineData("--timeout", "0s", "--timeout expects a duration")]
    [InlineData("--timeout", "soon", "--timeout expects a duration")]
    public void BadValuesAreUsageErrors(string option, string value, string message)
    {
        var r = Cli.Run("run", option, value, Path.Combine(SharedData.RepositoryRoot, "examples", "hello.wasm"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void HelpDescribesBoth()
    {
        var r = Cli.Run("run", "--help");
        Assert.Contains("--max-memory <SIZE>", r.Stdout);
        Assert.Contains("--timeout <DURATION>", r.Stdout);
    }
}
