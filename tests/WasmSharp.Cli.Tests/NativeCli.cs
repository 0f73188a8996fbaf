using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>The NativeAOT <c>wasmsharp</c>, published once per test run with the documented command into a
/// temporary folder (create-exe works only from it).</summary>
internal static class NativeCli
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Published.Value;

    public static string TempRoot { get; } = Directory.CreateTempSubdirectory("wasmsharp-native-cli-").FullName;

    private static string Publish()
    {
        string output = System.IO.Path.Combine(TempRoot, "aot");
        string project = System.IO.Path.Combine(WasmSharp.Wast.SharedData.RepositoryRoot, "src", "WasmSharp.Cli");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = TempRoot };
        foreach (var a in (string[])["publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output]) psi.ArgumentList.Add(a);
        var r = Cli.Execute(psi, "dotnet publish (NativeAOT wasmsharp)", TimeSpan.FromMinutes(20));
        if (r.ExitCode != 0) throw new InvalidOperationException("publishing the NativeAOT wasmsharp failed:\n" + r.Stdout + r.Stderr);
        return System.IO.Path.Combine(output, "wasmsharp");
    }

    /// <summary>Runs a program with an environment that has no .NET: no dotnet on PATH, no DOTNET_ variables.</summary>
    public static Cli.Result RunWithoutDotnet(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = TempRoot };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("DOTNET", StringComparison.Ordinal)) psi.Environment.Remove(key);
        }
        psi.Environment["PATH"] = "/usr/bin:/bin";
        return Cli.Execute(psi, program);
    }
}
