using System.Diagnostics;

namespace WasmSharp.Bench.Report;

/// <summary>What the report is doing now, for the status line on a terminal: the section, and the command it runs
/// (runtime and program). Written by the report's thread, read by the status line's timer.</summary>
internal static class BenchStatus
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static volatile string _section = "";
    private static volatile string _running = "";

    public static void Section(string name)
    {
        _section = name;
        _running = "";
    }

    /// <summary>The command about to run, paths shortened to their file names.</summary>
    public static void Running(ProcessStartInfo psi) =>
        _running = string.Join(' ', psi.ArgumentList.Select(Path.GetFileName).Prepend(Path.GetFileName(psi.FileName)));

    public static string Text() => $"bench [{Clock.Elapsed:hh\\:mm\\:ss}] {_section}" + (_running.Length > 0 ? $": {_running}" : "");
}
