using WasmSharp.Binary;

namespace WasmSharp.Singlepass.CodeGen;

// Numeric operators: a table from opcode to operator family, then one emitter per family.
internal sealed partial class FunctionCompiler
{
    private bool EmitNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz: IntUnary(IntUnOp.Eqz, false, ValType.I32); return true;
            case Opcode.I64Eqz: IntUnary(IntUnOp.Eqz, true, ValType.I32); return true;
            case >= Opcode.I32Eq and <= Opcode.I32GeU: IntCompare((IntCmp)(op - Opcode.I32Eq), false); return true;
            case >= Opcode.I64Eq and <= Opcode.I64GeU: IntCompare((IntCmp)(op - Opcode.I64Eq), true); return true;
            case >= Opcode.F32Eq and <= Opcode.F32Ge: FloatCompare((FloatCmp)(op - Opcode.F32Eq), false); return true;
            case >= Opcode.F64Eq and <= Opcode.F64Ge: FloatCompare((FloatCmp)(op - Opcode.F64Eq), true); return true;
            case >= Opcode.I32Clz and <= Opcode.I32Popcnt: IntUnary((IntUnOp)(op - Opcode.I32Clz), false, ValType.I32); return true;
            case >= Opcode.I64Clz and <= Opcode.I64Popcnt: IntUnary((IntUnOp)(op - Opcode.I64Clz), true, ValType.I64); return true;
            case >= Opcode.I32Add and <= Opcode.I32Rotr: IntArith(op - Opcode.I32Add, false); return true;
            case >= Opcode.I64Add and <= Opcode.I64Rotr: IntArith(op - Opcode.I64Add, true); return true;
            case >= Opcode.F32Abs and <= Opcode.F32Sqrt: FloatUnary(FloatUnOpOf(op - Opcode.F32Abs), false); return true;
            case >= Opcode.F64Abs and <= Opcode.F64Sqrt: FloatUnary(FloatUnOpOf(op - Opcode.F64Abs), true); return true;
            case >= Opcode.F32Add and <= Opcode.F32Copysign: FloatBinary((FloatBinOp)(op - Opcode.F32Add), false); return true;
            case >= Opcode.F64Add and <= Opcode.F64Copysign: FloatBinary((FloatBinOp)(op - Opcode.F64Add), true); return true;
        }
        if (ConversionOf(op) is { } conv)
        {
            Convert(conv.Op, conv.Result);
            return true;
        }
        return false;
    }

    /// <summary>Wasm orders unary float ops abs, neg, ceil, floor, trunc, nearest, sqrt.</summary>
    private static FloatUnOp FloatUnOpOf(int k) => k switch
    {
        0 => FloatUnOp.Abs, 1 => FloatUnOp.Neg, 2 => FloatUnOp.Ceil, 3 => FloatUnOp.Floor,
        4 => FloatUnOp.Trunc, 5 => FloatUnOp.Nearest, _ => FloatUnOp.Sqrt,
    };

    /// <summary>add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr, by offset from add.</summary>
    private void IntArith(int k, bool is64)
    {
        var t = is64 ? ValType.I64 : ValType.I32;
        switch (k)
        {
            case 3: IntDiv(DivOp.DivS, is64); return;
            case 4: IntDiv(DivOp.DivU, is64); return;
            case 5: IntDiv(DivOp.RemS, is64); return;
            case 6: IntDiv(DivOp.RemU, is64); return;
        }
        IntBinOp op = k switch
        {
            0 => IntBinOp.Add, 1 => IntBinOp.Sub, 2 => IntBinOp.Mul, 7 => IntBinOp.And, 8 => IntBinOp.Or, 9 => IntBinOp.Xor,
            10 => IntBinOp.Shl, 11 => IntBinOp.ShrS, 12 => IntBinOp.ShrU, 13 => IntBinOp.Rotl, _ => IntBinOp.Rotr,
        };
        if (TryFold(op, is64)) return;
        var rhs = PopOperand(is64);
        var lhs = PopToReg();
        // a borrowed local's register is read, never written (but a set of that local may take the result)
        var dst = NextSetsPinned(t, out var target) ? target : IsPinnedReg(lhs) ? Alloc(RegClass.Int) : lhs;
        _masm.IntBinary(op, is64, dst, lhs, rhs);
        if (!rhs.IsImm) Free(rhs.Reg);
        if (lhs != dst) Free(lhs);
        PushReg(t, dst);
    }

    /// <summary>Folds an operation on two constants at compile time (cheap and common in generated code).</summary>
    private bool TryFold(IntBinOp op, bool is64)
    {
        if (_count < 2 || Peek(0).Kind != ValueKind.Const || Peek(1).Kind != ValueKind.Const) return false;
        ulong b = Peek(0).Bits, a = Peek(1).Bits;
        int shift = (int)(b & (is64 ? 63UL : 31UL));
        ulong r;
        if (is64)
        {
            r = op switch
            {
                IntBinOp.Add => a + b, IntBinOp.Sub => a - b, IntBinOp.Mul => a * b,
                IntBinOp.And => a & b, IntBinOp.Or => a | b, IntBinOp.Xor => a ^ b,
                IntBinOp.Shl => a << shift, IntBinOp.ShrS => (ulong)((long)a >> shift), IntBinOp.ShrU => a >> shift,
                IntBinOp.Rotl => ulong.RotateLeft(a, shift), _ => ulong.RotateRight(a, shift),
            };
        }
        else
        {
            uint x = (uint)a, y = (uint)b;
            r = op switch
            {
                IntBinOp.Add => x + y, IntBinOp.Sub => x - y, IntBinOp.Mul => x * y,
                IntBinOp.And => x & y, IntBinOp.Or => x | y, IntBinOp.Xor => x ^ y,
                IntBinOp.Shl => x << shift, IntBinOp.ShrS => (uint)((int)x >> shift), IntBinOp.ShrU => x >> shift,
                IntBinOp.Rotl => uint.RotateLeft(x, shift), _ => uint.RotateRight(x, shift),
            };
        }
        _count -= 2;
        PushConst(is64 ? ValType.I64 : ValType.I32, r);
        return true;
    }

    private void IntDiv(DivOp op, bool is64)
    {
        var rhs = PopToReg();
        var lhs = PopToReg();
        _masm.IntDivRem(op, is64, lhs, lhs, rhs, _traps.Division);
        Free(rhs);
        PushReg(is64 ? ValType.I64 : ValType.I32, lhs);
    }

    private void IntCompare(IntCmp op, bool is64)
    {
        var rhs = PopOperand(is64);
        var lhs = PopToReg();
        if (NextBranchesOnComparison())
        {
            Defer(op, is64, lhs, rhs);
            return;
        }
        _masm.IntCompare(op, is64, lhs, lhs, rhs);
        if (!rhs.IsImm) Free(rhs.Reg);
        PushReg(ValType.I32, lhs);
    }

    private void IntUnary(IntUnOp op, bool is64, ValType result)
    {
        if (_deferred.Fused)
        {
            // i32.eqz right after a comparison that waits for the branch after this operator
            InvertDeferred();
            return;
        }
        var r = PopToReg();
        if (op == IntUnOp.Eqz && NextIsConditionalBranch())
        {
            Defer(IntCmp.Eq, is64, r, Operand.Immediate(0));
            return;
        }
        _masm.IntUnary(op, is64, r, r);
        PushReg(result, r);
    }

    private void FloatBinary(FloatBinOp op, bool is64)
    {
        var t = is64 ? ValType.F64 : ValType.F32;
        var rhs = PopToReg();
        var lhs = PopToReg();
        // a borrowed local's register is read, never written (but a set of that local may take the result)
        var dst = op != FloatBinOp.Copysign && NextSetsPinned(t, out var target) ? target : IsPinnedReg(lhs) ? Alloc(RegClass.Float) : lhs;
        _masm.FloatBinary(op, is64, dst, lhs, rhs);
        if (_deterministic && op != FloatBinOp.Copysign) CanonicalizeNaN(dst, is64);
        Free(rhs);
        if (lhs != dst) Free(lhs);
        PushReg(t, dst);
    }

    private void FloatUnary(FloatUnOp op, bool is64)
    {
        var r = PopToReg();
        _masm.FloatUnary(op, is64, r, r);
        if (_deterministic && op is not (FloatUnOp.Abs or FloatUnOp.Neg)) CanonicalizeNaN(r, is64);
        PushReg(is64 ? ValType.F64 : ValType.F32, r);
    }

    private void FloatCompare(FloatCmp op, bool is64)
    {
        var rhs = PopToReg();
        var lhs = PopToReg();
        if (NextIsSelect())
        {
            DeferFloat(op, is64, lhs, rhs);
            return;
        }
        var dst = Alloc(RegClass.Int);
        _masm.FloatCompare(op, is64, dst, lhs, rhs);
        Free(lhs);
        Free(rhs);
        PushReg(ValType.I32, dst);
    }

    private void Convert(ConvOp op, ValType result)
    {
        var src = PopToReg();
        if (src.Class == ClassOf(result) && op is not (ConvOp.F32DemoteF64 or ConvOp.F64PromoteF32))
        {
            _masm.Convert(op, src, src, _traps.Conversion(op));
            PushReg(result, src);
            return;
        }
        var dst = Alloc(ClassOf(result));
        _masm.Convert(op, dst, src, _traps.Conversion(op));
        if (_deterministic && op is ConvOp.F32DemoteF64 or ConvOp.F64PromoteF32) CanonicalizeNaN(dst, op == ConvOp.F64PromoteF32);
        Free(src);
        PushReg(result, dst);
    }

    private static (ConvOp Op, ValType Result)? ConversionOf(Opcode op) => op switch
    {
        Opcode.I32WrapI64 => (ConvOp.I32WrapI64, ValType.I32),
        Opcode.I32TruncF32S => (ConvOp.I32TruncF32S, ValType.I32),
        Opcode.I32TruncF32U => (ConvOp.I32TruncF32U, ValType.I32),
        Opcode.I32TruncF64S => (ConvOp.I32TruncF64S, ValType.I32),
        Opcode.I32TruncF64U => (ConvOp.I32TruncF64U, ValType.I32),
        Opcode.I64ExtendI32S => (ConvOp.I64ExtendI32S, ValType.I64),
        Opcode.I64ExtendI32U => (ConvOp.I64ExtendI32U, ValType.I64),
        Opcode.I64TruncF32S => (ConvOp.I64TruncF32S, ValType.I64),
        Opcode.I64TruncF32U => (ConvOp.I64TruncF32U, ValType.I64),
        Opcode.I64TruncF64S => (ConvOp.I64TruncF64S, ValType.I64),
        Opcode.I64TruncF64U => (ConvOp.I64TruncF64U, ValType.I64),
        Opcode.F32ConvertI32S => (ConvOp.F32ConvertI32S, ValType.F32),
        Opcode.F32ConvertI32U => (ConvOp.F32ConvertI32U, ValType.F32),
        Opcode.F32ConvertI64S => (ConvOp.F32ConvertI64S, ValType.F32),
        Opcode.F32ConvertI64U => (ConvOp.F32ConvertI64U, ValType.F32),
        Opcode.F32DemoteF64 => (ConvOp.F32DemoteF64, ValType.F32),
        Opcode.F64ConvertI32S => (ConvOp.F64ConvertI32S, ValType.F64),
        Opcode.F64ConvertI32U => (ConvOp.F64ConvertI32U, ValType.F64),
        Opcode.F64ConvertI64S => (ConvOp.F64ConvertI64S, ValType.F64),
        Opcode.F64ConvertI64U => (ConvOp.F64ConvertI64U, ValType.F64),
        Opcode.F64PromoteF32 => (ConvOp.F64PromoteF32, ValType.F64),
        Opcode.I32ReinterpretF32 => (ConvOp.I32ReinterpretF32, ValType.I32),
        Opcode.I64ReinterpretF64 => (ConvOp.I64ReinterpretF64, ValType.I64),
        Opcode.F32ReinterpretI32 => (ConvOp.F32ReinterpretI32, ValType.F32),
        Opcode.F64ReinterpretI64 => (ConvOp.F64ReinterpretI64, ValType.F64),
        Opcode.I32Extend8S => (ConvOp.I32Extend8S, ValType.I32),
        Opcode.I32Extend16S => (ConvOp.I32Extend16S, ValType.I32),
        Opcode.I64Extend8S => (ConvOp.I64Extend8S, ValType.I64),
        Opcode.I64Extend16S => (ConvOp.I64Extend16S, ValType.I64),
        Opcode.I64Extend32S => (ConvOp.I64Extend32S, ValType.I64),
        Opcode.I32TruncSatF32S => (ConvOp.I32TruncSatF32S, ValType.I32),
        Opcode.I32TruncSatF32U => (ConvOp.I32TruncSatF32U, ValType.I32),
        Opcode.I32TruncSatF64S => (ConvOp.I32TruncSatF64S, ValType.I32),
        Opcode.I32TruncSatF64U => (ConvOp.I32TruncSatF64U, ValType.I32),
        Opcode.I64TruncSatF32S => (ConvOp.I64TruncSatF32S, ValType.I64),
        Opcode.I64TruncSatF32U => (ConvOp.I64TruncSatF32U, ValType.I64),
        Opcode.I64TruncSatF64S => (ConvOp.I64TruncSatF64S, ValType.I64),
        Opcode.I64TruncSatF64U => (ConvOp.I64TruncSatF64U, ValType.I64),
        _ => null,
    };
}
