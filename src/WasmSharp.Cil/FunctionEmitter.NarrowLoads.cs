using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Guard pages: a 2- or 4-byte load is volatile (FunctionEmitter.Memory.cs), which keeps RyuJIT from dropping it, but
// not from narrowing it: `load16 & 0xFF`, `extend8_s(load16)`, `(load & 0xFF) == x`, the same through or/xor with
// other loads (`(a | b) & 0xFF`), through a local used once (forward substitution), and SIMD's byte and short
// splats and lane inserts (`vpinsrb xmm, byte [mem]`) became loads of the first byte(s) only, so an access whose
// last bytes lay past the end read what fitted instead of trapping (found by the fuzzer's own generator). Such a
// load gets the probe of its last byte that wide loads get, unless its value surely goes into an operator that
// uses every bit of it, a local RyuJIT cannot substitute it through, or a drop.
internal sealed partial class FunctionEmitter
{
    /// <summary>How far <see cref="NarrowLoadUsedWhole"/> looks: a bound keeps compilation linear.</summary>
    private const int NarrowLoadScanLimit = 32;

    /// <summary>
    /// Whether the value of the 2- or 4-byte load being emitted surely reaches, within <see cref="NarrowLoadScanLimit"/>
    /// straight-line operators, an operator RyuJIT does not narrow its operand for (.NET 10, checked case by case): an
    /// add, subtract, multiply, division, shift, rotate, comparison, bit count or conversion, a store (as value or
    /// address) or a load (as address). Follows the value's depth on the operand stack through pushes, other loads,
    /// <c>local.tee</c>/<c>local.set</c> of other values and operators below it, and through <c>or</c>/<c>xor</c>,
    /// whose result becomes the value followed (RyuJIT narrows those when an <c>and</c> with a constant or a cast to a
    /// smaller type takes their result). A <c>local.set</c> of the value into a local read twice or more, a
    /// <c>local.tee</c> into one read at least once elsewhere (RyuJIT substitutes a definition only into a local's
    /// single use; checked case by case), or a <c>drop</c> of it, means yes. An <c>and</c>, a sign extension, a wrap,
    /// a SIMD operator, a branch, a call or anything else first means no.
    /// </summary>
    private bool NarrowLoadUsedWhole()
    {
        var reader = OperatorsAfterCurrent();
        var ins = new Instruction();
        int depth = 0; // of the value followed, from the top of the operand stack
        for (int n = 0; n < NarrowLoadScanLimit && !reader.AtEnd; n++)
        {
            reader.Read(ref ins);
            var op = ins.Opcode;
            if (IsPush(op)) depth++;
            else if (IsLoad(op))
            {
                if (depth == 0) return true; // the value is the address
            }
            else if (op == Opcode.LocalTee)
            {
                // the value goes on as a read of the local: with one more read, the local has two uses
                if (depth == 0) return LocalGets().Reads(ins.Index) >= 1;
            }
            else if (op == Opcode.LocalSet)
            {
                // into a local read twice or more: RyuJIT cannot substitute the load into a use (forward
                // substitution takes a local with one def and one use)
                if (depth-- == 0) return LocalGets().Reads(ins.Index) >= 2;
            }
            else if (op == Opcode.Drop)
            {
                if (depth-- == 0) return true; // a volatile load whose value is unused is kept whole
            }
            else if (IsStore(op))
            {
                if (depth <= 1) return true; // the value, or the address
                depth -= 2;
            }
            else if (op is Opcode.I32Or or Opcode.I32Xor or Opcode.I64Or or Opcode.I64Xor)
            {
                if (depth > 0) depth--; // at depth 0 or 1 the result is the value followed
            }
            else if (UsesWholeOperands(op, out bool binary))
            {
                if (depth == 0 || binary && depth == 1) return true;
                if (binary) depth--;
            }
            else return false;
        }
        return false;
    }

    /// <summary>Per thread, like <see cref="t_meteringPlan"/>; counted at a function's first narrow load that needs it.</summary>
    [ThreadStatic] private static LocalGetCounts? t_localGets;
    private bool _localGetsCounted;

    private LocalGetCounts LocalGets()
    {
        var counts = t_localGets ??= new LocalGetCounts();
        if (!_localGetsCounted)
        {
            _localGetsCounted = true;
            counts.Count(_ctx.Module.Bytes.AsSpan(_codeStart, _codeEnd - _codeStart), _codeStart, _localCount);
        }
        return counts;
    }

    private static bool IsStore(Opcode op) => op is >= Opcode.I32Store and <= Opcode.I64Store32;

    /// <summary>Operators that use every bit of their operands, for <see cref="NarrowLoadUsedWhole"/>: comparisons,
    /// integer arithmetic but and/or/xor, float arithmetic (an f32 load), bit counts, conversions from integers and
    /// to f32/f64. <paramref name="binary"/>: it takes two operands.</summary>
    private static bool UsesWholeOperands(Opcode op, out bool binary)
    {
        binary = op is (>= Opcode.I32Eq and <= Opcode.I32GeU) or (>= Opcode.I64Eq and <= Opcode.I64GeU)
            or (>= Opcode.F32Eq and <= Opcode.F64Ge)
            or (>= Opcode.I32Add and <= Opcode.I32RemU) or (>= Opcode.I32Shl and <= Opcode.I32Rotr)
            or (>= Opcode.I64Add and <= Opcode.I64RemU) or (>= Opcode.I64Shl and <= Opcode.I64Rotr)
            || IsFloatBinary(op, v128: false);
        return binary || op is Opcode.I32Eqz or Opcode.I64Eqz
            or (>= Opcode.I32Clz and <= Opcode.I32Popcnt) or (>= Opcode.I64Clz and <= Opcode.I64Popcnt)
            or Opcode.I64ExtendI32S or Opcode.I64ExtendI32U or (>= Opcode.F32ConvertI32S and <= Opcode.F64ConvertI64U)
            || IsFloatUnary(op, v128: false);
    }
}
