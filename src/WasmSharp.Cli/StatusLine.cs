using System.Text;

namespace WasmSharp.Cli;

/// <summary>
/// A one-line status (progress of a long operation) on an interactive terminal: drawn on stderr a few times a
/// second from whatever <c>text</c> returns, erased before anything else is written to Console.Out or Console.Error
/// (the line is redrawn after) and when disposed, so it never mixes with the program's own output. Nothing at all
/// when stdout or stderr is not a terminal, under CI, with TERM=dumb or with WASMSHARP_PROGRESS=0
/// (<see cref="Start"/> returns null there). Shared by the CLI, the fuzzer and the benchmark harness.
/// </summary>
/// <remarks>Not Spectre.Console's Progress: its live display does not coordinate with other writes to the console
/// (the fuzzer and the benchmark log lines while they run), starts at once rather than only for a long operation,
/// and wants to own the work as a callback, where a compile reports through a hook.</remarks>
internal sealed class StatusLine : IDisposable
{
    /// <summary>How long an operation runs before its status shows: shorter ones never flash a line.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _terminal;
    /// <summary>The console's own writers while the guarded ones stand in, or null when not guarding.</summary>
    private readonly TextWriter? _out;
    private readonly TextWriter? _error;
    private readonly Func<string> _text;
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private readonly int _width;
    private bool _shown;
    private bool _stopped;

    /// <summary>Draws <paramref name="text"/> on <paramref name="terminal"/> from <paramref name="delay"/> on (for
    /// tests: a fake terminal; <see cref="Start"/> is the real one). With <paramref name="guardConsole"/>, writes to
    /// Console.Out and Console.Error erase the line first.</summary>
    internal StatusLine(TextWriter terminal, Func<string> text, TimeSpan delay, int width, bool guardConsole = true)
    {
        _terminal = terminal;
        _text = text;
        _width = Math.Max(width, 20);
        if (guardConsole)
        {
            _out = Console.Out;
            _error = Console.Error;
            Console.SetOut(new Guarded(this, _out));
            Console.SetError(new Guarded(this, _error));
        }
        _timer = new Timer(_ => Draw(), null, delay, Refresh);
    }

    /// <summary>A status line on this process's terminal, or null when there is none to draw on. Without
    /// <paramref name="guardConsole"/> (for work that writes nothing while the line is up) the console's writers
    /// are left alone: .NET sets a terminal's keypad mode, an escape sequence of its own, when they are first used,
    /// and a program that does not use them (a WASI guest's output goes to the file descriptors) would not see it.</summary>
    public static StatusLine? Start(Func<string> text, bool guardConsole = true, TimeSpan? delay = null)
    {
        if (!Interactive()) return null;
        int width = TerminalWidth.Columns();
        if (width <= 0) width = 80; // a pseudo-terminal nobody sized
        // straight to file descriptor 2: a console stream's first write sets the terminal's keypad mode (an escape
        // sequence of .NET's own), which a status line has no business doing
        var fd = new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false);
        var stderr = new StreamWriter(new FileStream(fd, FileAccess.Write, bufferSize: 0), new UTF8Encoding(false)) { AutoFlush = true };
        return new StatusLine(stderr, text, delay ?? Delay(), width, guardConsole);
    }

    /// <summary>Both streams on a terminal (a redirected one is a file, a pipe or a test), not CI, not dumb.</summary>
    internal static bool Interactive() =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not "dumb"
        && Environment.GetEnvironmentVariable("WASMSHARP_PROGRESS") is not "0";

    /// <summary>WASMSHARP_PROGRESS_DELAY_MS overrides <see cref="DefaultDelay"/> (tests show progress at once).</summary>
    private static TimeSpan Delay() =>
        int.TryParse(Environment.GetEnvironmentVariable("WASMSHARP_PROGRESS_DELAY_MS"), out int ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : DefaultDelay;

    private void Draw()
    {
        lock (_lock)
        {
            if (_stopped) return;
            string text = _text();
            if (text.Length >= _width) text = text[..(_width - 1)];
            // carriage return, the text, then erase the rest of the line (the previous text may have been longer)
            _terminal.Write("\r" + text + "\x1b[K");
            _terminal.Flush();
            _shown = true;
        }
    }

    /// <summary>Called with the lock held.</summary>
    private void Erase()
    {
        if (!_shown) return;
        _terminal.Write("\r\x1b[K");
        _terminal.Flush();
        _shown = false;
    }

    /// <summary>Erases the line for good and gives the console its writers back.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
            Erase();
        }
        using (var done = new ManualResetEvent(false))
        {
            if (_timer.Dispose(done)) done.WaitOne();
        }
        if (_out is not null) Console.SetOut(_out);
        if (_error is not null) Console.SetError(_error);
    }

    /// <summary>A console writer that takes the status line away before each write; the timer draws it again.</summary>
    private sealed class Guarded(StatusLine owner, TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => Do(() => inner.Write(value));
        public override void Write(string? value) => Do(() => inner.Write(value));
        public override void Write(char[] buffer, int index, int count) => Do(() => inner.Write(buffer, index, count));
        public override void WriteLine(string? value) => Do(() => inner.WriteLine(value));
        public override void Flush() => inner.Flush();

        private void Do(Action write)
        {
            lock (owner._lock)
            {
                owner.Erase();
                write();
                inner.Flush();
            }
        }
    }
}
