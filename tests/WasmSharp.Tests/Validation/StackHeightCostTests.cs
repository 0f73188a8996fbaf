using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Tests.Text;
using WasmSharp.Validation;
using Xunit;

namespace WasmSharp.Tests.Validation;

/// <summary>Deterministic mode's <see cref="StackHeightCost"/> reads the operand heights the module's validation
/// recorded (the CIL compiler's path) and gives exactly what validating the body again gives (Singlepass's path, whose
/// module has none recorded), for every function of the bench programs.</summary>
public sealed class StackHeightCostTests
{
    public static TheoryData<string> Programs() =>
        new(Directory.EnumerateFiles(Path.Combine(SpecData.SpecRoot, "..", "bench"), "*.wasm").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Programs))]
    public void RecordedHeightsGiveTheCostOfAValidationPass(string program)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SpecData.SpecRoot, "..", "bench", program));
        var validated = ModuleInfo.Load(bytes);
        var decoded = ModuleDecoder.Decode(bytes);
        Assert.NotNull(validated.MaxOperandHeights);
        Assert.Null(decoded.MaxOperandHeights);
        var recorded = ModuleValidator.ValidateDeclarations(validated);
        var revalidated = ModuleValidator.ValidateDeclarations(decoded);
        Assert.NotEmpty(decoded.Bodies);
        for (int i = 0; i < decoded.Bodies.Count; i++)
        {
            uint f = (uint)(decoded.ImportedFunctionCount + i);
            Assert.Equal(StackHeightCost.Compute(revalidated, f, decoded.Bodies[i]), StackHeightCost.Compute(recorded, f, validated.Bodies[i]));
        }
    }
}
