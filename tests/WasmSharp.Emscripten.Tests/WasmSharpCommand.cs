using System.Diagnostics;

namespace WasmSharp.Emscripten.Tests;

/// <summary>Runs the real <c>wasmsharp</c> command (built next to the tests) with optional stdin.</summary>
internal static class WasmSharpCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string? stdinFile, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdinFile is not null) p.StandardInput.Write(File.ReadAllText(stdinFile));
        p.StandardInput.Close();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"wasmsharp {string.Join(' ', args)} did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A fresh empty directory, deleted when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("wasmsharp-em-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
