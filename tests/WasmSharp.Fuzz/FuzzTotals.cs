namespace WasmSharp.Fuzz;

/// <summary>The counts a campaign reports.</summary>
public sealed class FuzzTotals
{
    public int Modules;
    public int BinaryenModules;
    public int OwnModules;
    public int SimdModules;
    public long Calls;
    public int Inconclusive;
    public int ReferenceErrors;
    public List<string> Mismatches { get; } = [];

    public override string ToString() =>
        $"{Modules} modules ({BinaryenModules} binaryen, {OwnModules} own generator, {SimdModules} with SIMD), " +
        $"{Calls} calls executed, {Inconclusive} inconclusive (stack depth or time limit), {ReferenceErrors} not runnable by the reference, {Mismatches.Count} mismatches";
}
