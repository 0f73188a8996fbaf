using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>Runs the real <c>wasmsharp</c> command (the app built next to the tests) and captures its output.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The lines written to stderr.</summary>
        public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>How to start the command from a shell script: <c>$WASMSHARP run ...</c>.</summary>
    public static string Command => $"dotnet {Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll")}";

    public static Result Run(params string[] args) => RunIn(Environment.CurrentDirectory, args);

    public static Result RunIn(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Capture(psi, TimeSpan.FromSeconds(120), $"wasmsharp {string.Join(' ', args)}");
    }

    /// <summary>Runs a bash script with <c>$WASMSHARP</c> set to the command, for pipelines and redirections; a
    /// script still running after <paramref name="timeout"/> is killed and the test fails.</summary>
    public static Result Bash(string script, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Environment.CurrentDirectory };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["WASMSHARP"] = Command;
        return Capture(psi, timeout, script);
    }

    /// <summary>Runs a prepared process (output redirected) to its end, or kills it after two minutes.</summary>
    public static Result Execute(ProcessStartInfo psi, string what) => Capture(psi, TimeSpan.FromSeconds(120), what);

    /// <summary>Runs a prepared process to its end, or kills it after <paramref name="timeout"/>.</summary>
    public static Result Execute(ProcessStartInfo psi, string what, TimeSpan timeout) => Capture(psi, timeout, what);

    /// <summary>The cache every command of this test run uses: never the user's own.</summary>
    public static readonly string CacheHome = Path.Combine(Path.GetTempPath(), $"wasmsharp-cache-{Guid.NewGuid():N}");

    private static Result Capture(ProcessStartInfo psi, TimeSpan timeout, string what)
    {
        psi.Environment["XDG_CACHE_HOME"] = CacheHome;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds} s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes WAT text to a temporary file and returns its path.</summary>
    public static string TempWat(string wat)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wasmsharp-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, wat);
        return path;
    }

    /// <summary>A program of <c>examples/</c>.</summary>
    public static string Example(string name) => Path.Combine(WasmSharp.Wast.SharedData.RepositoryRoot, "examples", name);
}
