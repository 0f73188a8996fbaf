using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>Runs the real <c>wasmsharp</c> command (the app built next to the tests) and captures its output.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunIn(Environment.CurrentDirectory, args);

    public static Result RunIn(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Execute(psi, $"wasmsharp {string.Join(' ', args)}");
    }

    /// <summary>Runs a prepared process (output redirected) to its end, or kills it after two minutes.</summary>
    public static Result Execute(ProcessStartInfo psi, string what)
    {
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish");
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
}
