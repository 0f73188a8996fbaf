namespace WasmSharp.Native.Tests;

/// <summary>
/// libwasmsharp.so published once per test run with the documented command, into a temporary folder. The debug
/// symbols (.dbg) are moved out of the library's folder: valgrind 3.19 follows the debug link and cannot read the
/// DWARF 5 in it.
/// </summary>
internal static class NativeLibrary
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding libwasmsharp.so.</summary>
    public static string Directory => Published.Value;

    public static string Path => System.IO.Path.Combine(Directory, "libwasmsharp.so");

    public static string Include => System.IO.Path.Combine(RepoRoot, "src", "WasmSharp.Native", "include");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "WasmSharp.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root (WasmSharp.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The run's scratch folder (library, compiled programs, outputs), removed when the test process ends.</summary>
    public static string TempRoot { get; } = CreateTempRoot();

    private static string CreateTempRoot()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("wasmsharp-native-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(root, recursive: true);
        return root;
    }

    private static string Publish()
    {
        var output = System.IO.Path.Combine(TempRoot, "lib");
        var project = System.IO.Path.Combine(RepoRoot, "src", "WasmSharp.Native");
        var result = ProcessRun.Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output], TimeSpan.FromMinutes(20));
        if (result.ExitCode != 0) throw new InvalidOperationException("publishing libwasmsharp.so failed:\n" + result);
        var symbols = System.IO.Path.Combine(TempRoot, "symbols");
        System.IO.Directory.CreateDirectory(symbols);
        foreach (var dbg in System.IO.Directory.GetFiles(output, "*.dbg")) File.Move(dbg, System.IO.Path.Combine(symbols, System.IO.Path.GetFileName(dbg)));
        return output;
    }
}
