namespace WasmSharp.Cli.Tests;

/// <summary><c>wasmsharp run</c>'s standard streams are the host's own descriptors: what the guest learns about
/// them, where its bytes go, and what happens when the reader goes away.</summary>
public class StdioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void YesPipedIntoHeadEndsAtOnceWithTheSigpipeStatus()
    {
        // natively SIGPIPE ends `yes`; the guest ignores puts's EOF, so without the runtime's help it would spin
        var r = Cli.Bash($"$WASMSHARP run {Cli.Example("yes.wasm")} | head -1; echo \"status ${{PIPESTATUS[0]}}\"", Timeout);
        Assert.Equal("y\nstatus 141\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void AGuestThatChecksSeesEpipe()
    {
        // fd_write to a pipe whose reader has gone: the errno (EPIPE = 64) is the exit code
        var wat = Cli.TempWat(WriteThenExitWithErrno);
        var r = Cli.Bash($"$WASMSHARP run {wat} | true; echo \"status ${{PIPESTATUS[0]}}\"", Timeout);
        Assert.Equal("status 64\n", r.Stdout);
    }

    [Fact]
    public void WritingToDevFullIsEnospc()
    {
        var r = Cli.Bash($"$WASMSHARP run {Cli.TempWat(WriteThenExitWithErrno)} > /dev/full", Timeout);
        Assert.Equal(51, r.ExitCode); // ENOSPC
    }

    [Fact]
    public void RedirectedStreamsAreNotTerminals()
    {
        // isatty.wasm reports on stderr what wasi-libc concludes; stdout a pipe, stdin a file, stderr a pipe
        var r = Cli.Bash($"$WASMSHARP run {Cli.Example("isatty.wasm")} < /dev/null | cat", Timeout);
        Assert.Equal("fd 0: not a tty\nfd 1: not a tty\nfd 2: not a tty\n", r.Stderr);
    }

    [Fact]
    public void ATerminalIsATerminal()
    {
        // script(1) (util-linux, in every Debian) runs the command on a pseudo-terminal; our stderr stays a pipe
        var r = Cli.Bash($"script -qec \"$WASMSHARP run {Cli.Example("isatty.wasm")} 2>&1\" /dev/null", Timeout);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("fd 0: tty\r\nfd 1: tty\r\nfd 2: tty\r\n", r.Stdout);
    }

    [Fact]
    public void EveryLineReachesAPipeAndAFile()
    {
        string file = Path.Combine(Path.GetTempPath(), $"wasmsharp-lines-{Guid.NewGuid():N}.txt");
        string lines = Cli.Example("lines.wasm");
        var r = Cli.Bash($"$WASMSHARP run {lines} 100000 | wc -l; $WASMSHARP run {lines} 100000 > {file}; wc -l < {file}; tail -1 {file}", Timeout);
        File.Delete(file);
        Assert.Equal("100000\n100000\nline 99999\n", r.Stdout);
    }

    [Fact]
    public void StdoutAndStderrKeepTheirOrderOnOneDescriptor()
    {
        // three fd_writes, alternating streams, both redirected to one pipe: nothing may be held back
        var wat = Cli.TempWat("""
            (module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "1\n2\n3\n")
              (func $put (param $fd i32) (param $at i32)
                (i32.store (i32.const 0) (local.get $at)) (i32.store (i32.const 4) (i32.const 2))
                (drop (call $w (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func (export "_start") (call $put (i32.const 1) (i32.const 100)) (call $put (i32.const 2) (i32.const 102)) (call $put (i32.const 1) (i32.const 104))))
            """);
        var r = Cli.Bash($"$WASMSHARP run {wat} 2>&1 | cat", Timeout);
        Assert.Equal("1\n2\n3\n", r.Stdout);
    }

    /// <summary>Writes "x\n" to stdout and exits with fd_write's errno (0 on success).</summary>
    private const string WriteThenExitWithErrno = """
        (module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 100) "x\n")
          (func (export "_start")
            ;; sleep 300 ms first (a relative clock subscription), so that a reader that closes early has closed
            (i64.store (i32.const 224) (i64.const 300000000))
            (i32.store8 (i32.const 208) (i32.const 0))
            (i32.store (i32.const 216) (i32.const 1))
            (drop (call $poll (i32.const 200) (i32.const 300) (i32.const 1) (i32.const 340)))
            (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 2))
            (call $exit (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """;
}
