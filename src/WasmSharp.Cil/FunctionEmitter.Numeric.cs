using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Numeric operators emitted inline: CIL instructions, BCL intrinsics and short trap checks. Large functions exhaust
// RyuJIT's inlining budget, so hot operators must not depend on inlining. The rest are NumericOps helpers.
internal sealed partial class FunctionEmitter
{
    private bool EmitInlineNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz: Emit(OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I64Eqz: Emit(OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq); break;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq: Emit(OpCodes.Ceq); break;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne: EmitNot(OpCodes.Ceq); break;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt: Emit(OpCodes.Clt); break;
            case Opcode.I32LtU or Opcode.I64LtU: Emit(OpCodes.Clt_Un); break;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt: Emit(OpCodes.Cgt); break;
            case Opcode.I32GtU or Opcode.I64GtU: Emit(OpCodes.Cgt_Un); break;
            // a <= b is !(a > b), and for floats the unordered compare makes NaN false
            case Opcode.I32LeS or Opcode.I64LeS: EmitNot(OpCodes.Cgt); break;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le: EmitNot(OpCodes.Cgt_Un); break;
            case Opcode.I32GeS or Opcode.I64GeS: EmitNot(OpCodes.Clt); break;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge: EmitNot(OpCodes.Clt_Un); break;
            case Opcode.I32Add or Opcode.I64Add or Opcode.F32Add or Opcode.F64Add: Emit(OpCodes.Add); break;
            case Opcode.I32Sub or Opcode.I64Sub or Opcode.F32Sub or Opcode.F64Sub: Emit(OpCodes.Sub); break;
            case Opcode.I32Mul or Opcode.I64Mul or Opcode.F32Mul or Opcode.F64Mul: Emit(OpCodes.Mul); break;
            case Opcode.F32Div or Opcode.F64Div: Emit(OpCodes.Div); break;
            case Opcode.I32And or Opcode.I64And: Emit(OpCodes.And); break;
            case Opcode.I32Or or Opcode.I64Or: Emit(OpCodes.Or); break;
            case Opcode.I32Xor or Opcode.I64Xor: Emit(OpCodes.Xor); break;
            case Opcode.I32WrapI64: Emit(OpCodes.Conv_I4); break;
            case Opcode.I64ExtendI32S: Emit(OpCodes.Conv_I8); break;
            case Opcode.I64ExtendI32U: Emit(OpCodes.Conv_U8); break;
            case Opcode.I32Extend8S: Emit(OpCodes.Conv_I1); break;
            case Opcode.I32Extend16S: Emit(OpCodes.Conv_I2); break;
            case Opcode.I64Extend8S: Emit(OpCodes.Conv_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Extend16S: Emit(OpCodes.Conv_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Extend32S: Emit(OpCodes.Conv_I4, OpCodes.Conv_I8); break;
            case Opcode.F32ConvertI32S or Opcode.F32ConvertI64S: Emit(OpCodes.Conv_R4); break;
            case Opcode.F64ConvertI32S or Opcode.F64ConvertI64S: Emit(OpCodes.Conv_R8); break;
            case Opcode.I32Shl: EmitShift(ValType.I32, OpCodes.Shl); break;
            case Opcode.I32ShrS: EmitShift(ValType.I32, OpCodes.Shr); break;
            case Opcode.I32ShrU: EmitShift(ValType.I32, OpCodes.Shr_Un); break;
            case Opcode.I64Shl: EmitShift(ValType.I64, OpCodes.Shl); break;
            case Opcode.I64ShrS: EmitShift(ValType.I64, OpCodes.Shr); break;
            case Opcode.I64ShrU: EmitShift(ValType.I64, OpCodes.Shr_Un); break;
            case Opcode.I32Rotl: EmitRotate(typeof(uint), "RotateLeft"); break;
            case Opcode.I32Rotr: EmitRotate(typeof(uint), "RotateRight"); break;
            case Opcode.I64Rotl: Emit(OpCodes.Conv_I4); EmitRotate(typeof(ulong), "RotateLeft"); break;
            case Opcode.I64Rotr: Emit(OpCodes.Conv_I4); EmitRotate(typeof(ulong), "RotateRight"); break;
            case Opcode.I32Clz: EmitBcl(typeof(BitOperations), "LeadingZeroCount", typeof(uint)); break;
            case Opcode.I32Ctz: EmitBcl(typeof(BitOperations), "TrailingZeroCount", typeof(int)); break;
            case Opcode.I32Popcnt: EmitBcl(typeof(BitOperations), "PopCount", typeof(uint)); break;
            case Opcode.I64Clz: EmitBcl(typeof(BitOperations), "LeadingZeroCount", typeof(ulong)); Emit(OpCodes.Conv_I8); break;
            case Opcode.I64Ctz: EmitBcl(typeof(BitOperations), "TrailingZeroCount", typeof(long)); Emit(OpCodes.Conv_I8); break;
            case Opcode.I64Popcnt: EmitBcl(typeof(BitOperations), "PopCount", typeof(ulong)); Emit(OpCodes.Conv_I8); break;
            case Opcode.I32DivS: EmitDivS(ValType.I32, OpCodes.Div); break;
            case Opcode.I64DivS: EmitDivS(ValType.I64, OpCodes.Div); break;
            case Opcode.I32RemS: EmitDivS(ValType.I32, OpCodes.Rem); break;
            case Opcode.I64RemS: EmitDivS(ValType.I64, OpCodes.Rem); break;
            case Opcode.I32DivU or Opcode.I64DivU: EmitDivU(OpCodes.Div_Un); break;
            case Opcode.I32RemU or Opcode.I64RemU: EmitDivU(OpCodes.Rem_Un); break;
            // float negation is a sign-bit flip in RyuJIT (xorps): NaN payloads are kept, as Wasm requires
            case Opcode.F32Neg or Opcode.F64Neg: Emit(OpCodes.Neg); break;
            case Opcode.F32Abs: EmitBcl(typeof(MathF), "Abs", typeof(float)); break;
            case Opcode.F64Abs: EmitBcl(typeof(Math), "Abs", typeof(double)); break;
            case Opcode.F32Copysign: EmitCopysign(ValType.F32); break;
            case Opcode.F64Copysign: EmitCopysign(ValType.F64); break;
            case Opcode.F32Sqrt: EmitBcl(typeof(MathF), "Sqrt", typeof(float)); break;
            case Opcode.F64Sqrt: EmitBcl(typeof(Math), "Sqrt", typeof(double)); break;
            // ceil, floor and trunc: NumericOps (a signalling NaN must come out quiet)
            // Round's default mode is to nearest, ties to even
            case Opcode.F32Nearest: EmitBcl(typeof(MathF), "Round", typeof(float)); break;
            case Opcode.F64Nearest: EmitBcl(typeof(Math), "Round", typeof(double)); break;
            case Opcode.I32ReinterpretF32: EmitBcl(typeof(BitConverter), "SingleToInt32Bits", typeof(float)); break;
            case Opcode.I64ReinterpretF64: EmitBcl(typeof(BitConverter), "DoubleToInt64Bits", typeof(double)); break;
            case Opcode.F32ReinterpretI32: EmitOpaqueXor(nameof(OpaqueConstants.I32Zero)); EmitBcl(typeof(BitConverter), "Int32BitsToSingle", typeof(int)); break;
            case Opcode.F64ReinterpretI64: EmitOpaqueXor(nameof(OpaqueConstants.I64Zero)); EmitBcl(typeof(BitConverter), "Int64BitsToDouble", typeof(long)); break;
            // through i64, so that the one rounding is the correct one
            case Opcode.F32ConvertI32U: Emit(OpCodes.Conv_U8, OpCodes.Conv_R4); break;
            case Opcode.F64ConvertI32U: Emit(OpCodes.Conv_U8, OpCodes.Conv_R8); break;
            default: return false;
        }
        return true;
    }

    /// <summary>Whether a shift's or rotate's count (the top operand) is the constant pushed just before it.</summary>
    private bool CountIsConstant => _previous is Opcode.I32Const or Opcode.I64Const;

    /// <summary>CIL leaves counts beyond the width undefined; Wasm takes them modulo the width. A count that is not a
    /// constant is hidden from RyuJIT (.NET 10), which took <c>(x &lt;&lt; n) ^ (x &gt;&gt; (w - n))</c> for a rotate,
    /// wrong when n is a multiple of the width (dotnet/runtime#133864).</summary>
    private void EmitShift(ValType t, OpCode shift)
    {
        if (!CountIsConstant) EmitOpaqueXor(t == ValType.I64 ? nameof(OpaqueConstants.I64Zero) : nameof(OpaqueConstants.I32Zero));
        if (t == ValType.I64) _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Ldc_I4, t == ValType.I64 ? 63 : 31);
        _il.Emit(OpCodes.And);
        _il.Emit(shift);
    }

    /// <summary>
    /// For a rotate by a non-zero constant compared with zero, RyuJIT (.NET 10) drops the <c>test</c> and branches on
    /// the flags of the <c>rol</c>/<c>ror</c>, which leave ZF as it was (dotnet/runtime#129288). So a rotate by a
    /// constant hides its result instead (<c>rol r, imm</c> then an xor with an opaque zero, whose flags are right:
    /// two instructions, where a hidden count took four with a <c>rol r, cl</c>), and any other count is hidden
    /// from RyuJIT, which then keeps the <c>test</c>.
    /// </summary>
    private void EmitRotate(Type value, string name)
    {
        bool constant = CountIsConstant;
        if (!constant) EmitOpaqueXor(nameof(OpaqueConstants.I32Zero));
        EmitBcl(typeof(BitOperations), name, value, typeof(int));
        if (constant) EmitOpaqueXor(value == typeof(ulong) ? nameof(OpaqueConstants.I64Zero) : nameof(OpaqueConstants.I32Zero));
    }

    /// <summary>
    /// <c>x ^ OpaqueConstants.field</c> (zero): RyuJIT cannot look through it. Before an int-to-float reinterpret,
    /// it stops RyuJIT (.NET 10) from turning <c>reinterpret(load16_s p)</c> into a 4-byte float load from p,
    /// which drops the sign extension (and reads bytes the Wasm load does not).
    /// </summary>
    private void EmitOpaqueXor(string field)
    {
        _il.Emit(OpCodes.Ldsfld, typeof(OpaqueConstants).GetField(field)!);
        _il.Emit(OpCodes.Xor);
    }

    /// <summary>A BCL method RyuJIT expands as an intrinsic (bit counts, rotates, rounding, bit casts), whatever the
    /// inlining budget of the function.</summary>
    private void EmitBcl(Type type, string name, params Type[] args) =>
        _il.Emit(OpCodes.Call, type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, args)
            ?? throw new InvalidOperationException($"no {type.Name}.{name}"));

    /// <summary>a's magnitude with b's sign bit, on the bits: NaN payloads pass through.</summary>
    private void EmitCopysign(ValType t)
    {
        bool f32 = t == ValType.F32;
        var bits = f32 ? ValType.I32 : ValType.I64;
        var sign = Temp(bits, 5);
        if (f32) EmitBcl(typeof(BitConverter), "SingleToInt32Bits", typeof(float));
        else EmitBcl(typeof(BitConverter), "DoubleToInt64Bits", typeof(double));
        EmitMask(f32, signBit: true);
        _il.Emit(OpCodes.Stloc, sign);
        if (f32) EmitBcl(typeof(BitConverter), "SingleToInt32Bits", typeof(float));
        else EmitBcl(typeof(BitConverter), "DoubleToInt64Bits", typeof(double));
        EmitMask(f32, signBit: false);
        _il.Emit(OpCodes.Ldloc, sign);
        _il.Emit(OpCodes.Or);
        if (f32) EmitBcl(typeof(BitConverter), "Int32BitsToSingle", typeof(int));
        else EmitBcl(typeof(BitConverter), "Int64BitsToDouble", typeof(long));
    }

    private void EmitMask(bool f32, bool signBit)
    {
        if (f32) _il.Emit(OpCodes.Ldc_I4, signBit ? int.MinValue : int.MaxValue);
        else _il.Emit(OpCodes.Ldc_I8, signBit ? long.MinValue : long.MaxValue);
        _il.Emit(OpCodes.And);
    }

    /// <summary>Signed division and remainder: zero traps; MIN / -1 overflows, MIN rem -1 is 0.</summary>
    private void EmitDivS(ValType t, OpCode op)
    {
        var (a, b) = (Temp(t, 3), Temp(t, 4));
        _il.Emit(OpCodes.Stloc, b);
        _il.Emit(OpCodes.Stloc, a);
        EmitZeroDivisorCheck(b);
        var plain = _il.DefineLabel();
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, b);
        EmitConst(t, -1);
        _il.Emit(OpCodes.Bne_Un, plain);
        if (op == OpCodes.Rem)
        {
            EmitConst(t, 0);
            _il.Emit(OpCodes.Br, done);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, a);
            if (t == ValType.I64) _il.Emit(OpCodes.Ldc_I8, long.MinValue);
            else _il.Emit(OpCodes.Ldc_I4, int.MinValue);
            _il.Emit(OpCodes.Bne_Un, plain);
            EmitThrow(TrapKind.IntegerOverflow);
        }
        _il.MarkLabel(plain);
        _il.Emit(OpCodes.Ldloc, a);
        _il.Emit(OpCodes.Ldloc, b);
        _il.Emit(op);
        _il.MarkLabel(done);
    }

    private void EmitDivU(OpCode op)
    {
        var t = Top;
        var b = Temp(t, 4);
        _il.Emit(OpCodes.Stloc, b);
        EmitZeroDivisorCheck(b);
        _il.Emit(OpCodes.Ldloc, b);
        _il.Emit(op);
    }

    private void EmitZeroDivisorCheck(LocalBuilder divisor)
    {
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, divisor);
        _il.Emit(OpCodes.Brtrue, ok);
        EmitThrow(TrapKind.IntegerDivideByZero);
        _il.MarkLabel(ok);
    }

    private void EmitConst(ValType t, int value)
    {
        if (t == ValType.I64) _il.Emit(OpCodes.Ldc_I8, (long)value);
        else _il.Emit(OpCodes.Ldc_I4, value);
    }

    private void Emit(params ReadOnlySpan<OpCode> ops)
    {
        foreach (var o in ops) _il.Emit(o);
    }

    private void EmitNot(OpCode compare) => Emit(compare, OpCodes.Ldc_I4_0, OpCodes.Ceq);
}
