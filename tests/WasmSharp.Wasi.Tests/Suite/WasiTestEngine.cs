using System.Reflection;
using WasmSharp.Compilers;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>
/// Where the wasi-testsuite tests get an <see cref="Engine"/>. This project references no compiler, so by default
/// there is none and those tests are skipped. Two ways to supply one:
/// <list type="bullet">
/// <item>set <see cref="Factory"/> from a module initializer in this assembly (e.g. a file added where a compiler
/// project is referenced): <c>[ModuleInitializer] internal static void Init() =&gt; WasiTestEngine.Factory = () =&gt; new Engine(new CilCompiler());</c></item>
/// <item>or set the environment variable <c>WASMSHARP_WASI_COMPILER</c> to <c>path/to/Compiler.dll:Full.Type.Name</c>,
/// an <see cref="ICompiler"/> with a public parameterless constructor.</item>
/// </list>
/// </summary>
public static class WasiTestEngine
{
    public const string EnvironmentVariable = "WASMSHARP_WASI_COMPILER";

    public static Func<Engine>? Factory { get; set; }

    /// <summary>Why no engine is available, or null when one is.</summary>
    public static string? Unavailable =>
        Factory is not null || Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } ? null
        : $"no compiler available to WasmSharp.Wasi.Tests: set WasiTestEngine.Factory or {EnvironmentVariable}=<assembly.dll>:<ICompiler type>";

    /// <summary>The environment variable, when set, wins over <see cref="Factory"/>.</summary>
    public static Engine Create()
    {
        string? spec = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (spec is not { Length: > 0 })
            return Factory is not null ? Factory() : throw new InvalidOperationException(Unavailable);
        int colon = spec.LastIndexOf(':');
        if (colon <= 0) throw new InvalidOperationException($"{EnvironmentVariable} must be <assembly.dll>:<type name>, got \"{spec}\"");
        var type = Assembly.LoadFrom(spec[..colon]).GetType(spec[(colon + 1)..], throwOnError: true)!;
        return new Engine((ICompiler)Activator.CreateInstance(type)!);
    }
}
