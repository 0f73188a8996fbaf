using System.Diagnostics;

namespace WasmSharp.Bench.Report;

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, double WallMs);

/// <summary>Runs a command to completion, capturing its output and wall time.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static ProcessResult Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        BenchStatus.Running(psi);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new ProcessResult(-1, "", $"timed out after {Timeout.TotalSeconds} s", clock.Elapsed.TotalMilliseconds);
        }
        double ms = clock.Elapsed.TotalMilliseconds;
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, ms);
    }

    /// <summary>First line of stdout, or "" when the command cannot be started (a missing tool).</summary>
    public static string FirstLine(string file, params string[] args)
    {
        try
        {
            var r = Run(file, args);
            return (r.Stdout + r.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    /// <summary>The first two lines of stderr (else stdout) as a short reason for a failed command.</summary>
    public static string Reason(ProcessResult r)
    {
        var text = r.Stderr.Trim().Length > 0 ? r.Stderr : r.Stdout;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(2).ToArray();
        var line = lines.Length > 0 ? string.Join(" ", lines) : $"exit code {r.ExitCode}";
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
