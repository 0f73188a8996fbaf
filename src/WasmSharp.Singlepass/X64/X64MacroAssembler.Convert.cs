using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

internal sealed partial class X64MacroAssembler
{
    public override void Convert(ConvOp op, Reg dst, Reg src, in TrapLabels traps)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx), Float(FScratch), Float(FScratch2));
        switch (op)
        {
            case ConvOp.I32WrapI64 or ConvOp.I64ExtendI32U: _a.Mov(OperandSize.S32, G(dst), G(src)); return;
            case ConvOp.I64ExtendI32S or ConvOp.I64Extend32S: _a.Movsxd(G(dst), G(src)); return;
            case ConvOp.I32Extend8S: _a.Movsx(OperandSize.S32, G(dst), OperandSize.S8, G(src)); return;
            case ConvOp.I32Extend16S: _a.Movsx(OperandSize.S32, G(dst), OperandSize.S16, G(src)); return;
            case ConvOp.I64Extend8S: _a.Movsx(OperandSize.S64, G(dst), OperandSize.S8, G(src)); return;
            case ConvOp.I64Extend16S: _a.Movsx(OperandSize.S64, G(dst), OperandSize.S16, G(src)); return;
            case ConvOp.I32ReinterpretF32: XmmToGpr(false, G(dst), X(src)); return;
            case ConvOp.I64ReinterpretF64: XmmToGpr(true, G(dst), X(src)); return;
            case ConvOp.F32ReinterpretI32: GprToXmm(false, X(dst), G(src)); return;
            case ConvOp.F64ReinterpretI64: GprToXmm(true, X(dst), G(src)); return;
            case ConvOp.F32DemoteF64: FloatOp(SseOp.Cvtsd2ss, X(dst), X(src)); return;
            case ConvOp.F64PromoteF32: FloatOp(SseOp.Cvtss2sd, X(dst), X(src)); return;
            case ConvOp.F32ConvertI32S: IntToFloat(false, X(dst), OperandSize.S32, G(src)); return;
            case ConvOp.F64ConvertI32S: IntToFloat(true, X(dst), OperandSize.S32, G(src)); return;
            case ConvOp.F32ConvertI64S: IntToFloat(false, X(dst), OperandSize.S64, G(src)); return;
            case ConvOp.F64ConvertI64S: IntToFloat(true, X(dst), OperandSize.S64, G(src)); return;
            case ConvOp.F32ConvertI32U or ConvOp.F64ConvertI32U:
                // a zero-extended u32 is a non-negative i64
                _a.Mov(OperandSize.S32, Gpr.Rax, G(src));
                IntToFloat(op == ConvOp.F64ConvertI32U, X(dst), OperandSize.S64, Gpr.Rax);
                return;
            case ConvOp.F32ConvertI64U: U64ToFloat(false, X(dst), G(src)); return;
            case ConvOp.F64ConvertI64U: U64ToFloat(true, X(dst), G(src)); return;
            default: Truncate(op, G(dst), X(src), traps); return;
        }
    }

    private void IntToFloat(bool toF64, Xmm dst, OperandSize srcSize, Gpr src)
    {
        if (Avx)
        {
            if (toF64) _a.Vcvtsi2sd(dst, dst, srcSize, src); else _a.Vcvtsi2ss(dst, dst, srcSize, src);
        }
        else if (toF64) _a.Cvtsi2sd(dst, srcSize, src);
        else _a.Cvtsi2ss(dst, srcSize, src);
    }

    /// <summary>u64 to float: values with the top bit set are halved (keeping the low bit for rounding), converted
    /// and doubled.</summary>
    private void U64ToFloat(bool toF64, Xmm dst, Gpr src)
    {
        var large = _a.CreateLabel();
        var done = _a.CreateLabel();
        _a.Test(OperandSize.S64, src, src);
        _a.Jcc(Cond.S, large);
        IntToFloat(toF64, dst, OperandSize.S64, src);
        _a.Jmp(done);
        _a.Bind(large);
        _a.Mov(OperandSize.S64, Gpr.Rax, src);
        _a.Shr(OperandSize.S64, Gpr.Rax, 1);
        _a.Mov(OperandSize.S32, Gpr.Rcx, src);
        _a.And(OperandSize.S32, Gpr.Rcx, 1);
        _a.Or(OperandSize.S64, Gpr.Rax, Gpr.Rcx);
        IntToFloat(toF64, dst, OperandSize.S64, Gpr.Rax);
        FloatOp(toF64 ? SseOp.Addsd : SseOp.Addss, dst, dst);
        _a.Bind(done);
    }

    private void CvttToInt(bool fromF64, OperandSize dstSize, Gpr dst, Xmm src)
    {
        if (Avx)
        {
            if (fromF64) _a.Vcvttsd2si(dstSize, dst, src); else _a.Vcvttss2si(dstSize, dst, src);
        }
        else if (fromF64) _a.Cvttsd2si(dstSize, dst, src);
        else _a.Cvttss2si(dstSize, dst, src);
    }

    /// <summary>
    /// Float to integer, trapping or saturating. The input is range-checked first (<see cref="Truncation.RangeOf"/>).
    /// </summary>
    private void Truncate(ConvOp op, Gpr dst, Xmm src, in TrapLabels traps)
    {
        var shape = Truncation.ShapeOf(op);
        var (fromF64, to64, signed, saturating) = shape;
        var (lower, lowerInclusive, upper) = Truncation.RangeOf(shape);
        var isNan = _a.CreateLabel();
        var tooLow = _a.CreateLabel();
        var tooHigh = _a.CreateLabel();
        var done = _a.CreateLabel();

        Ucomi(fromF64, src, src);
        _a.Jcc(Cond.P, saturating ? isNan : traps.InvalidConversion);
        FloatConst(fromF64, FScratch, Truncation.Bits(fromF64, lower));
        Ucomi(fromF64, src, FScratch);
        _a.Jcc(lowerInclusive ? Cond.B : Cond.BE, saturating ? tooLow : traps.Overflow);
        FloatConst(fromF64, FScratch, Truncation.Bits(fromF64, upper));
        Ucomi(fromF64, src, FScratch);
        _a.Jcc(Cond.AE, saturating ? tooHigh : traps.Overflow);

        if (signed || !to64)
        {
            // u32 results fit a signed 64-bit conversion
            CvttToInt(fromF64, to64 || !signed ? OperandSize.S64 : OperandSize.S32, Gpr.Rax, src);
        }
        else
        {
            // u64 at or above 2^63: convert x - 2^63 and set the top bit
            var small = _a.CreateLabel();
            var converted = _a.CreateLabel();
            FloatConst(fromF64, FScratch, Truncation.Bits(fromF64, 9223372036854775808.0));
            Ucomi(fromF64, src, FScratch);
            _a.Jcc(Cond.B, small);
            MoveXmm(FScratch2, src);
            FloatOp(fromF64 ? SseOp.Subsd : SseOp.Subss, FScratch2, FScratch);
            CvttToInt(fromF64, OperandSize.S64, Gpr.Rax, FScratch2);
            _a.Mov(OperandSize.S64, Gpr.Rcx, long.MinValue);
            _a.Xor(OperandSize.S64, Gpr.Rax, Gpr.Rcx);
            _a.Jmp(converted);
            _a.Bind(small);
            CvttToInt(fromF64, OperandSize.S64, Gpr.Rax, src);
            _a.Bind(converted);
        }
        if (to64) _a.Mov(OperandSize.S64, dst, Gpr.Rax);
        else _a.Mov(OperandSize.S32, dst, Gpr.Rax);
        if (!saturating) return;

        _a.Jmp(done);
        _a.Bind(isNan);
        _a.Xor(OperandSize.S32, dst, dst);
        _a.Jmp(done);
        _a.Bind(tooLow);
        if (signed) _a.Mov(OperandSize.S64, dst, to64 ? long.MinValue : int.MinValue & 0xFFFFFFFFL);
        else _a.Xor(OperandSize.S32, dst, dst);
        _a.Jmp(done);
        _a.Bind(tooHigh);
        if (signed) _a.Mov(OperandSize.S64, dst, to64 ? long.MaxValue : int.MaxValue);
        else _a.Mov(OperandSize.S64, dst, to64 ? -1L : uint.MaxValue);
        _a.Bind(done);
    }
}
