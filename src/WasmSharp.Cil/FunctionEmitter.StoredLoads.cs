using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Guard pages: an 8- or 16-byte load gets a probe of its last byte because RyuJIT narrows an unused one to a probe of
// its first bytes (FunctionEmitter.Memory.cs). A load whose value surely ends in a store needs none: the store is
// volatile, so RyuJIT performs it, and with it the whole load its value comes from (matmul's `c[i][j] += a * b`).
internal sealed partial class FunctionEmitter
{
    /// <summary>How far <see cref="WideLoadReachesStore"/> looks: a bound keeps compilation linear.</summary>
    private const int StoredLoadScanLimit = 16;

    /// <summary>
    /// Whether the value of the wide load being emitted (a <paramref name="v128"/> or an f64/i64 one) surely reaches
    /// a store within the next <see cref="StoredLoadScanLimit"/> operators. Follows the value's depth on the operand
    /// stack through straight-line operators: pushes (<c>local.get</c>, constants, <c>global.get</c>), other loads,
    /// <c>local.tee</c>/<c>local.set</c> of other values, and float arithmetic, whose result, when it takes the value,
    /// becomes the value followed (RyuJIT folds no float operation to a result that ignores an operand; integer ones
    /// it may, as <c>x &amp; 0</c>: an i64 value counts only when stored as it is). Anything else first — a branch, a
    /// call, a <c>drop</c>, <c>local.set</c> of the value — means no.
    /// </summary>
    private bool WideLoadReachesStore(bool v128, bool integer)
    {
        var reader = OperatorsAfterCurrent();
        var ins = new Instruction();
        int depth = 0; // of the value followed, from the top of the operand stack
        for (int n = 0; n < StoredLoadScanLimit && !reader.AtEnd; n++)
        {
            reader.Read(ref ins);
            var op = ins.Opcode;
            if (IsPush(op)) depth++;
            else if (IsLoad(op) || op == Opcode.LocalTee)
            {
                if (depth == 0 && op != Opcode.LocalTee) return false;
            }
            else if (op == Opcode.LocalSet)
            {
                if (depth-- == 0) return false;
            }
            else if (op is Opcode.I64Store or Opcode.F32Store or Opcode.F64Store or Opcode.V128Store)
            {
                if (depth == 0) return true;
                if (depth == 1) return false;
                depth -= 2;
            }
            else if (!integer && IsFloatUnary(op, v128)) { }
            else if (!integer && IsFloatBinary(op, v128))
            {
                if (depth > 0) depth--;
            }
            else return false;
        }
        return false;
    }

    /// <summary>A reader of the body's operators after the one being emitted, for the look-aheads.</summary>
    private OperatorReader OperatorsAfterCurrent() =>
        new(_ctx.Module.Bytes.AsSpan(_nextOffset, _codeEnd - _nextOffset), _nextOffset);

    private static bool IsPush(Opcode op) =>
        op is Opcode.LocalGet or Opcode.GlobalGet or (>= Opcode.I32Const and <= Opcode.F64Const) or Opcode.V128Const;

    /// <summary>Loads that take an address and push a value (scalar ones, v128.load and its extending and splat
    /// forms).</summary>
    private static bool IsLoad(Opcode op) =>
        op is (>= Opcode.I32Load and <= Opcode.I64Load32U) or (>= Opcode.V128Load and <= Opcode.V128Load64Splat);

    /// <summary>One float operand, one float result (scalar: also promote and demote).</summary>
    private static bool IsFloatUnary(Opcode op, bool v128) => v128
        ? op is Opcode.F32x4Abs or Opcode.F32x4Neg or Opcode.F32x4Sqrt or Opcode.F64x2Abs or Opcode.F64x2Neg or Opcode.F64x2Sqrt
        : op is (>= Opcode.F32Abs and <= Opcode.F32Sqrt) or (>= Opcode.F64Abs and <= Opcode.F64Sqrt)
            or Opcode.F32DemoteF64 or Opcode.F64PromoteF32;

    /// <summary>Two float operands, one float result.</summary>
    private static bool IsFloatBinary(Opcode op, bool v128) => v128
        ? op is (>= Opcode.F32x4Add and <= Opcode.F32x4Pmax) or (>= Opcode.F64x2Add and <= Opcode.F64x2Pmax)
        : op is (>= Opcode.F32Add and <= Opcode.F32Copysign) or (>= Opcode.F64Add and <= Opcode.F64Copysign);
}
