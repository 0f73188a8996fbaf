using WasmSharp.Compilers;

namespace WasmSharp.Singlepass.CodeGen;

// Deterministic mode (EngineConfig.Deterministic): the MacroAssembler's CanonicalizeNaN after the float operators that
// can make a NaN (FunctionCompiler.Numeric), and the StackHeightCost charged in the prologue and refunded before each
// return (FunctionCompiler, FunctionCompiler.Control). Off: nothing emitted.
public sealed partial class FunctionCompiler
{
    /// <summary>Deterministic mode: canonical NaNs and the Wasm-counted stack budget.</summary>
    private readonly bool _deterministic;
    /// <summary>The function's <see cref="StackHeightCost"/>, charged at entry and refunded at each return.</summary>
    private int _stackCost;
}
