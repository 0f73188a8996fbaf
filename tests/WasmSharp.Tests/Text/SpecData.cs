using Xunit;

namespace WasmSharp.Tests.Text;

/// <summary>Locates the shared spec suite (<c>../shared/spec</c> next to the repository root), read at test time.</summary>
internal static class SpecData
{
    private static readonly Lazy<string> Root = new(FindSpecRoot);

    public static string SpecRoot => Root.Value;

    public static string WastPath(string name) => Path.Combine(SpecRoot, "wast", name + ".wast");

    public static string JsonDir(string name) => Path.Combine(SpecRoot, "json", name);

    public static IEnumerable<string> WastNames() =>
        Directory.EnumerateFiles(Path.Combine(SpecRoot, "wast"), "*.wast")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> WastNameData()
    {
        var data = new TheoryData<string>();
        foreach (var n in WastNames()) data.Add(n);
        return data;
    }

    private static string FindSpecRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WasmSharp.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root (WasmSharp.slnx) not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spec"));
    }
}
