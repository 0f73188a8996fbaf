using System.Runtime.CompilerServices;
using WasmSharp.Singlepass;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>Runs the WASI test suite on Singlepass unless <see cref="WasiTestEngine.EnvironmentVariable"/> names
/// another compiler.</summary>
internal static class SinglepassEngine
{
    [ModuleInitializer]
    internal static void Init()
    {
        if (Environment.GetEnvironmentVariable(WasiTestEngine.EnvironmentVariable) is not { Length: > 0 })
            WasiTestEngine.Factory = () => new Engine(new SinglepassCompiler());
    }
}
