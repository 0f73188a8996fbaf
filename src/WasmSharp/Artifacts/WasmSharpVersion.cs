using System.Reflection;

namespace WasmSharp.Artifacts;

/// <summary>The version recorded in artifacts and cache keys: the informational version, which carries the source
/// commit, so code from another build is never trusted as this build's.</summary>
public static class WasmSharpVersion
{
    /// <summary>This build's version string.</summary>
    public static string Current { get; } =
        typeof(WasmSharpVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(WasmSharpVersion).Assembly.GetName().Version?.ToString() ?? "unknown";
}
