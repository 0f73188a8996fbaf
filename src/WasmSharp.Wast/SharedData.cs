namespace WasmSharp.Wast;

/// <summary>
/// Finds the project's shared test data: <c>../shared</c> beside the repository root (the folder holding
/// <c>WasmSharp.slnx</c>). The data is read where it lies, never copied into the project.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;
    public static string SpecJson => Path.Combine(Root, "spec", "json");
    public static string SpecWast => Path.Combine(Root, "spec", "wast");
    public static string Bench => Path.Combine(Root, "bench");
    public static string BenchSimd => Path.Combine(Root, "bench-simd");
    public static string WasiTestsuite => Path.Combine(Root, "wasi-testsuite");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "WasmSharp.slnx"))) return dir.FullName;
            throw new DirectoryNotFoundException($"no WasmSharp.slnx above {AppContext.BaseDirectory}");
        }
    }

    private static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable("WASMSHARP_SHARED");
        string path = env is { Length: > 0 } ? env : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"shared test data not found at {path}");
        return path;
    }

    /// <summary>Every wast2json script, sorted by name.</summary>
    public static IEnumerable<string> SpecScripts() =>
        Directory.EnumerateDirectories(SpecJson).Select(d => Path.Combine(d, Path.GetFileName(d) + ".json"))
            .Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal);
}
