namespace WasmSharp.Native.Tests;

/// <summary>Programs the tests need from the machine (gcc, valgrind, python3), found on PATH.</summary>
internal static class Tool
{
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Why a test needing <paramref name="tools"/> cannot run here, or null when it can.</summary>
    public static string? Missing(string[] tools)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return "libwasmsharp.so is built for linux-x64 only";
        var missing = tools.Where(t => Find(t) is null).ToArray();
        return missing.Length == 0 ? null : $"not installed: {string.Join(", ", missing)} (.ci/run installs it)";
    }
}

/// <summary>A fact reported as skipped, with the reason, when a tool it needs is not installed.</summary>
public sealed class NeedsFactAttribute : FactAttribute
{
    public NeedsFactAttribute(params string[] tools)
    {
        if (Tool.Missing(tools) is { } why) Skip = why;
    }
}

/// <summary>A theory reported as skipped, with the reason, when a tool it needs is not installed.</summary>
public sealed class NeedsTheoryAttribute : TheoryAttribute
{
    public NeedsTheoryAttribute(params string[] tools)
    {
        if (Tool.Missing(tools) is { } why) Skip = why;
    }
}
