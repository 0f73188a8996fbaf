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
    /// <summary>Runs an engine refused (an unsupported feature: Singlepass and SIMD), not compared.</summary>
    public int Refused;
    public List<string> Mismatches { get; } = [];

    public override string ToString() =>
        $"{Modules} modules ({BinaryenModules} binaryen, {OwnModules} own generator, {SimdModules} with SIMD), " +
        $"{Calls} calls executed, {Inconclusive} inconclusive (stack depth or time limit), {ReferenceErrors} not runnable by the reference, {Refused} engine runs refused (SIMD on Singlepass), {Mismatches.Count} mismatches";
}
