using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp --version</c>: the version, the compilers this build has, and the CPU code path Singlepass would take
/// here — the three facts a bug report needs (a NativeAOT build has no CIL compiler; the CPU path changes the code).
/// </summary>
internal static class VersionReport
{
    /// <summary>Replaces System.CommandLine's version action (which prints the version only).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>()) option.Action = new PrintAction();
    }

    public static string Text() =>
        $"wasmsharp {Version()}\ncompilers: {Compilers()}\ncpu: {Cpu()}\nruntime: .NET {Environment.Version}{(DynamicCode() ? "" : " (NativeAOT)")}";

    /// <summary>The package version and the commit it was built from (SourceLink stamps it), short.</summary>
    private static string Version()
    {
        string v = typeof(VersionReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = v.IndexOf('+');
        return plus >= 0 && v.Length > plus + 13 ? $"{v[..plus]} (commit {v[(plus + 1)..(plus + 13)]})" : v;
    }

    private static string Compilers() =>
#if WASMSHARP_CIL
        "singlepass, cil";
#else
        "singlepass (cil needs the JIT: not in this NativeAOT build)";
#endif

    /// <summary>Singlepass's x86-64 path after WASMSHARP_CPU and detection; on another ISA, its name.</summary>
    private static string Cpu()
    {
        // the target Singlepass picks for this host: its ISA and, on x86-64, the AVX or SSE4.2 path
        string name = WasmSharp.Singlepass.SinglepassCompiler.TargetName(new EngineConfig());
        return name + (Environment.GetEnvironmentVariable("WASMSHARP_CPU") is { Length: > 0 } forced ? $" (WASMSHARP_CPU={forced})" : " (detected)");
    }

    private static bool DynamicCode() => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;

    private sealed class PrintAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.WriteLine(Text());
            return ExitCodes.Success;
        }
    }
}
