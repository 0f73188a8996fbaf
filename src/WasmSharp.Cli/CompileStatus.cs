using WasmSharp.Compilers;

namespace WasmSharp.Cli;

/// <summary>
/// Progress of loading a module on a terminal: "loading", then "compiling N/M functions" with a bar, for a compile
/// that takes longer than <see cref="StatusLine.DefaultDelay"/> (Singlepass on a large module, the CIL compiler's
/// eager compile). The compiler reports through <see cref="Engine.CompileProgress"/>; the numbers are only stored
/// here, and the status line draws them on its own timer.
/// </summary>
internal sealed class CompileStatus(string name, string compiler) : ICompileProgress
{
    private const int BarWidth = 24;

    private int _done;
    private int _total;

    public void Report(int done, int total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, done);
    }

    /// <summary>The status as the line shows it.</summary>
    public string Text()
    {
        int total = Volatile.Read(ref _total), done = Math.Min(Volatile.Read(ref _done), total);
        if (total == 0) return $"loading {name}";
        int filled = (int)((long)done * BarWidth / total);
        return $"compiling {name} ({compiler}) [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} functions";
    }

    /// <summary>Runs <paramref name="load"/> with a status line while it compiles for <paramref name="engine"/>;
    /// the line is gone before this returns, so the module's own output starts on a clean line.</summary>
    public static Module Load(Engine engine, string name, Func<Module> load)
    {
        var status = new CompileStatus(name, engine.Compiler.Name);
        // nothing writes to the console during a compile, and the line is gone before anything does
        using var line = StatusLine.Start(status.Text, guardConsole: false);
        if (line is null) return load();
        engine.CompileProgress = status;
        try { return load(); }
        finally { engine.CompileProgress = null; }
    }
}
