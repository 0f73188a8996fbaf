using WasmSharp.Compilers;

namespace WasmSharp.Singlepass.CodeGen;

// Deterministic mode (EngineConfig.Deterministic): the MacroAssembler's CanonicalizeNaN after the float operators that
// can make a NaN (FunctionCompiler.Numeric), and the StackHeightCost charged in the prologue and refunded before each
// return (FunctionCompiler, FunctionCompiler.Control). Off: nothing emitted.
internal sealed partial class FunctionCompiler
{
    /// <summary>Deterministic mode: canonical NaNs and the Wasm-counted stack budget.</summary>
    private readonly bool _deterministic;
    /// <summary>The function's <see cref="StackHeightCost"/>, charged at entry and refunded at each return.</summary>
    private int _stackCost;

    /// <summary>Canonicalizes a float result, unless the next operator consumes it and canonicalizes its own
    /// (<see cref="NaNCanonicalization.NextCanonicalizes"/>).</summary>
    private void CanonicalizeNaN(Reg r, bool is64)
    {
        if (!NaNCanonicalization.NextCanonicalizes(_next, is64)) _masm.CanonicalizeNaN(r, is64);
    }
}
