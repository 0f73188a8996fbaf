using WasmSharp.Binary;

namespace WasmSharp.Compilers;

/// <summary>
/// Deterministic mode's NaN rule, shared by the compilers: which operators canonicalize their result, and when that
/// can be left to the next operator. Every operator of the set turns a NaN operand into a NaN result, which it then
/// canonicalizes itself; so a result consumed at once by such an operator (the next opcode, on the top of the stack)
/// never shows its own NaN bits, and its canonicalization is skipped: <c>a * b + c</c> checks once, after the add.
/// </summary>
public static class NaNCanonicalization
{
    /// <summary>Whether the scalar operator <paramref name="op"/> canonicalizes a NaN result: arithmetic, sqrt, min,
    /// max, rounding, demote and promote (not neg, abs, copysign, which keep bits by the spec).</summary>
    public static bool Canonicalizes(Opcode op) => op is (>= Opcode.F32Ceil and <= Opcode.F32Max) or (>= Opcode.F64Ceil and <= Opcode.F64Max)
        or Opcode.F32DemoteF64 or Opcode.F64PromoteF32;

    /// <summary>Whether the operator whose first byte is <paramref name="nextByte"/> (-1: none) takes a float of the
    /// width just produced (<paramref name="is64"/>) as an operand and canonicalizes its own result.</summary>
    public static bool NextCanonicalizes(int nextByte, bool is64) => nextByte >= 0 && (is64
        ? nextByte is (>= (int)Opcode.F64Ceil and <= (int)Opcode.F64Max) or (int)Opcode.F32DemoteF64
        : nextByte is (>= (int)Opcode.F32Ceil and <= (int)Opcode.F32Max) or (int)Opcode.F64PromoteF32);
}
