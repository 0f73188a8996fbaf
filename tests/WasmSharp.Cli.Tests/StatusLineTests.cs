using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WasmSharp.Cli.Tests;

/// <summary>The status line: drawn on a terminal for a long compile and erased before the program's own output;
/// nothing at all when the output is redirected. In-process with a fake terminal, and end to end on a
/// pseudo-terminal (<c>script</c>).</summary>
[Collection(nameof(ConsoleSwapping))]
public class StatusLineTests
{
    /// <summary>A status draw: carriage return, text, erase to the end of the line.</summary>
    private static readonly Regex Draw = new("\r([^\r\n\x1b]*)\x1b\\[K");

    private static void WaitFor(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the status line was never drawn");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void TheLineIsErasedBeforeOtherOutputAndAtTheEnd()
    {
        var terminal = new StringWriter();
        var savedOut = Console.Out;
        Console.SetOut(terminal); // the program's output goes to the same terminal
        try
        {
            int step = 1;
            using (new StatusLine(terminal, () => $"compiling {Volatile.Read(ref step)}/3", TimeSpan.Zero, width: 80))
            {
                WaitFor(() => terminal.ToString().Contains("compiling 1/3"));
                Console.WriteLine("a log line");
                Volatile.Write(ref step, 2);
                WaitFor(() => terminal.ToString().Contains("compiling 2/3"));
            }
            Console.WriteLine("the program's output");
            string screen = terminal.ToString();
            // every draw was erased (an empty draw) before the next output, and the last one at the end
            Assert.Equal("a log line\nthe program's output\n", Draw.Replace(screen, ""));
            Assert.Matches("compiling 1/3\x1b\\[K(\r[^\r\n]*\x1b\\[K)*\r\x1b\\[Ka log line\n", screen);
            Assert.EndsWith("\r\x1b[Kthe program's output\n", screen);
        }
        finally
        {
            Console.SetOut(savedOut);
        }
    }

    [Fact]
    public void ALongStatusIsCutToTheWidth()
    {
        var terminal = new StringWriter();
        using (new StatusLine(terminal, () => new string('x', 200), TimeSpan.Zero, width: 40))
            WaitFor(() => terminal.ToString().Contains('x'));
        Assert.All(Draw.Matches(terminal.ToString()), m => Assert.True(m.Groups[1].Length < 40));
    }

    [Fact]
    public void NothingIsDrawnBeforeTheDelay()
    {
        var terminal = new StringWriter();
        using (new StatusLine(terminal, () => "slow", TimeSpan.FromSeconds(30), width: 80))
            Thread.Sleep(200);
        Assert.Equal("", terminal.ToString());
    }

    /// <summary>A WASI command with many functions, so the CIL compiler's eager compile takes a while: it prints
    /// "done" once compiled.</summary>
    private static readonly Lazy<string> ManyFunctions = new(() =>
    {
        var wat = new StringBuilder("""
            (module (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1) (data (i32.const 16) "done\n")
              (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 5))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
            """);
        for (int i = 0; i < 12000; i++)
            wat.Append($"  (func (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const {i})) (i32.const 7)))\n");
        return Cli.TempWat(wat.Append(')').ToString());
    });

    private static Cli.Result Shell(string command, bool terminal)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Environment.CurrentDirectory };
        psi.ArgumentList.Add("-c");
        // script gives the command a pseudo-terminal for stdin, stdout and stderr; its own stdout carries both
        psi.ArgumentList.Add(terminal ? $"script -qec 'stty cols 200; {command}' /dev/null" : command);
        psi.Environment.Remove("CI"); // CI=true turns progress off: this test is about what a terminal shows
        psi.Environment["TERM"] = "xterm";
        psi.Environment["WASMSHARP_PROGRESS_DELAY_MS"] = "0";
        return Cli.Execute(psi, command, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void ACompileShowsProgressOnATerminalAndIsErasedBeforeTheOutput()
    {
        var r = Shell($"{Cli.Command} run --compiler cil {ManyFunctions.Value}", terminal: true);
        Assert.Equal(0, r.ExitCode);
        var draws = Draw.Matches(r.Stdout).Select(m => m.Groups[1].Value).Where(t => t.Length > 0).ToList();
        Assert.Contains(draws, d => Regex.IsMatch(d, $@"^compiling {Regex.Escape(Path.GetFileName(ManyFunctions.Value))} \(cil\) \[[#.]{{24}}\] \d+/12001 functions$"));
        // with the status removed, only the program's output is left (the terminal turns \n into \r\n)
        Assert.Equal("done\r\n", Draw.Replace(r.Stdout, ""));
    }

    [Fact]
    public void RedirectedOutputGetsNoProgress()
    {
        var r = Shell($"{Cli.Command} run --compiler cil {ManyFunctions.Value}", terminal: false);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("done\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void CiGetsNoProgressEvenOnATerminal()
    {
        var r = Shell($"CI=true {Cli.Command} run {ManyFunctions.Value}", terminal: true);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("done\r\n", r.Stdout);
    }
}

/// <summary>Tests that swap Console.Out run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleSwapping), DisableParallelization = true)]
public class ConsoleSwapping;
