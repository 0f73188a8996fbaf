using WasmSharp.Binary;
using WasmSharp.Validation;

namespace WasmSharp.Compilers;

/// <summary>
/// What a call costs deterministic mode's stack budget (<see cref="EngineConfig.MaxStackHeight"/>), in Wasm values:
/// the same figure for every compiler and ISA, so "call stack exhausted" strikes at the same depth everywhere (the
/// model of NEAR's and Wasmer's stack limiter). A function costs <see cref="ActivationCost"/> for its activation
/// (return address, frame link, context), one per parameter and declared local, and its maximum operand-stack
/// height as validation computes it. Compilers charge it at entry, trapping when the budget would go below zero,
/// and refund it at return; a trap unwinds every frame, and the store puts the budget back as it was at the call.
/// <para>The operand height comes from the module's validation (<see cref="ModuleInfo.MaxOperandHeights"/>, which the
/// CIL compiler runs before it emits). Singlepass validates each body as it compiles it, after the charge is emitted,
/// so it has none recorded: then a validation pass of its own over the body finds it (linear, buffers reused).</para>
/// </summary>
public static class StackHeightCost
{
    /// <summary>The cost of an activation with no parameters, locals or operands.</summary>
    public const int ActivationCost = 2;

    /// <summary>Native stack per unit that the engine reserves so the deterministic budget always runs out before
    /// the native one. Singlepass frames take 8 bytes per value (16 for v128) plus 32 per activation; RyuJIT's are
    /// smaller for small functions. Checked: the shapes of tests/deterministic/stack*.wast (4-unit activations, f64
    /// operands and v128 locals live across the call) stop at exactly budget / cost on Singlepass and CIL with
    /// budgets of 65,536 and 4,000,000 units; 96 leaves room for frames several times worse.</summary>
    public const int NativeBytesPerUnit = 96;

    [ThreadStatic] private static FunctionValidator? t_validator;

    /// <summary>The cost of function <paramref name="funcIndex"/> (a defined function with body
    /// <paramref name="body"/>): from the heights the module's validation recorded, else validating the body on the
    /// way (errors as <see cref="FunctionValidator"/>).</summary>
    public static int Compute(ValidationContext ctx, uint funcIndex, FunctionBody body)
    {
        var m = ctx.Module;
        if (m.MaxOperandHeights is { } heights)
        {
            int locals = LocalsReader.Count(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, m.FunctionType(funcIndex).Params.Length);
            return Of(locals, heights[funcIndex - (uint)m.ImportedFunctionCount]);
        }
        var v = t_validator ??= new FunctionValidator();
        v.Validate(ctx, funcIndex, body);
        return Of(v.Locals.Length, v.MaxOperandHeight);
    }

    /// <summary>The cost from the figures: <paramref name="locals"/> counts parameters and declared locals.</summary>
    public static int Of(int locals, int maxOperandHeight) =>
        (int)Math.Min(int.MaxValue / 4, (long)ActivationCost + locals + maxOperandHeight);
}
