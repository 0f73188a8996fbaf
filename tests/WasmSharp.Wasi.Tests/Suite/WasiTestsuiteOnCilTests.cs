using WasmSharp.Cil;
using Xunit.Abstractions;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>The WASI test suite again, on the optimizing CIL compiler: both compilers must pass all of it.</summary>
[Collection("wasi engine")]
public class WasiTestsuiteOnCilTests(ITestOutputHelper output)
{
    private static readonly Engine Cil = new(new CilCompiler());

    [Theory]
    [MemberData(nameof(WasiTestsuiteTests.Ids), MemberType = typeof(WasiTestsuiteTests))]
    public void Run(string id) => WasiTestsuiteTests.RunOn(Cil, id, output);
}
