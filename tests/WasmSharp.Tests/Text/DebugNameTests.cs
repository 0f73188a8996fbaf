using WasmSharp.Binary;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

/// <summary><c>Wat.ToBinary(text, debugNames: true)</c> writes a <c>name</c> section the decoder reads back; the
/// default leaves it out, as wast2json does (the spec comparison depends on that).</summary>
public sealed class DebugNameTests
{
    private const string Text = """
        (module $demo
          (import "env" "log" (func $log (param i32)))
          (func $inner (call $log (i32.const 1)))
          (func (export "start") (call $inner))
          (func $last))
        """;

    [Fact]
    public void ModuleAndFunctionNamesRoundTrip()
    {
        var names = ModuleDecoder.Decode(Wat.ToBinary(Text, debugNames: true)).Names;
        Assert.NotNull(names);
        Assert.Equal("demo", names.ModuleName);
        // imports come first in the function index space; the unnamed function 2 has no entry
        Assert.Equal(new Dictionary<uint, string> { [0] = "log", [1] = "inner", [3] = "last" }, names.FunctionNames);
    }

    [Fact]
    public void TheDefaultEncodingHasNoNameSection()
    {
        Assert.Null(ModuleDecoder.Decode(Wat.ToBinary(Text)).Names);
    }

    [Fact]
    public void AModuleWithoutIdsGetsOnlyTheSectionHeader()
    {
        var plain = Wat.ToBinary("(module (func))");
        var named = Wat.ToBinary("(module (func))", debugNames: true);
        Assert.Equal(plain, named[..plain.Length]);
        Assert.Equal([0, 5, 4, (byte)'n', (byte)'a', (byte)'m', (byte)'e'], named[plain.Length..]);
    }
}
