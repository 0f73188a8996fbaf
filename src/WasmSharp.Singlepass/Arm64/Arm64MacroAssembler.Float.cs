using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64MacroAssembler
{
    public override void FloatBinary(FloatBinOp op, bool is64, Reg dst, Reg lhs, Reg rhs)
    {
        Island();
        var size = F(is64);
        VReg d = V(dst), l = V(lhs), r = V(rhs);
        switch (op)
        {
            case FloatBinOp.Add: _a.FpBinary(FpBinaryOp.Fadd, size, d, l, r); return;
            case FloatBinOp.Sub: _a.FpBinary(FpBinaryOp.Fsub, size, d, l, r); return;
            case FloatBinOp.Mul: _a.FpBinary(FpBinaryOp.Fmul, size, d, l, r); return;
            case FloatBinOp.Div: _a.FpBinary(FpBinaryOp.Fdiv, size, d, l, r); return;
            // fmin/fmax propagate NaN and order -0 below +0: Wasm's min and max
            case FloatBinOp.Min: _a.FpBinary(FpBinaryOp.Fmin, size, d, l, r); return;
            case FloatBinOp.Max: _a.FpBinary(FpBinaryOp.Fmax, size, d, l, r); return;
            default: Copysign(is64, d, l, r); return;
        }
    }

    /// <summary><c>d = l</c> with the sign bit of <c>r</c> inserted (bit: insert where the mask is set).</summary>
    private void Copysign(bool is64, VReg d, VReg l, VReg r)
    {
        using var s = Scratch();
        var mask = FTmp(s);
        FloatConst(true, mask, is64 ? 0x8000_0000_0000_0000UL : 0x8000_0000UL);
        if (d == r && d != l)
        {
            var copy = FTmp(s);
            _a.FpUnary(FpUnaryOp.Fmov, FpSize.D, copy, r);
            r = copy;
        }
        if (d != l) _a.FpUnary(FpUnaryOp.Fmov, FpSize.D, d, l);
        _a.Bit(d, r, mask);
    }

    public override void FloatUnary(FloatUnOp op, bool is64, Reg dst, Reg src)
    {
        Island();
        var unary = op switch
        {
            FloatUnOp.Abs => FpUnaryOp.Fabs,
            FloatUnOp.Neg => FpUnaryOp.Fneg,
            FloatUnOp.Sqrt => FpUnaryOp.Fsqrt,
            FloatUnOp.Ceil => FpUnaryOp.Frintp,
            FloatUnOp.Floor => FpUnaryOp.Frintm,
            FloatUnOp.Trunc => FpUnaryOp.Frintz,
            _ => FpUnaryOp.Frintn,
        };
        _a.FpUnary(unary, F(is64), V(dst), V(src));
    }

    public override void CanonicalizeNaN(Reg reg, bool is64)
    {
        // fcmp x, x is unordered (V set) only for NaN; fcsel keeps x when ordered: no branch
        Island();
        using var s = Scratch();
        var canonical = FTmp(s);
        var size = F(is64);
        VReg x = V(reg);
        FloatConst(is64, canonical, is64 ? 0x7FF8_0000_0000_0000UL : 0x7FC0_0000UL);
        _a.Fcmp(size, x, x);
        _a.Fcsel(size, x, x, canonical, Cond.Vc);
    }

    public override void FloatCompare(FloatCmp op, bool is64, Reg dst, Reg lhs, Reg rhs)
    {
        Island();
        _a.Fcmp(F(is64), V(lhs), V(rhs));
        // unordered sets C and V: mi and ls are false for NaN where lt and le would be true
        var c = op switch
        {
            FloatCmp.Eq => Cond.Eq,
            FloatCmp.Ne => Cond.Ne,
            FloatCmp.Lt => Cond.Mi,
            FloatCmp.Gt => Cond.Gt,
            FloatCmp.Le => Cond.Ls,
            _ => Cond.Ge,
        };
        _a.Cset(RegWidth.W, X(dst), c);
    }

    public override void Convert(ConvOp op, Reg dst, Reg src, in TrapLabels traps)
    {
        Island();
        switch (op)
        {
            case ConvOp.I32WrapI64 or ConvOp.I64ExtendI32U: _a.Mov(RegWidth.W, X(dst), X(src)); return;
            case ConvOp.I64ExtendI32S or ConvOp.I64Extend32S: _a.ExtendReg(Extend.Sxtw, RegWidth.X, X(dst), X(src)); return;
            case ConvOp.I32Extend8S: _a.ExtendReg(Extend.Sxtb, RegWidth.W, X(dst), X(src)); return;
            case ConvOp.I32Extend16S: _a.ExtendReg(Extend.Sxth, RegWidth.W, X(dst), X(src)); return;
            case ConvOp.I64Extend8S: _a.ExtendReg(Extend.Sxtb, RegWidth.X, X(dst), X(src)); return;
            case ConvOp.I64Extend16S: _a.ExtendReg(Extend.Sxth, RegWidth.X, X(dst), X(src)); return;
            case ConvOp.I32ReinterpretF32: _a.FmovToGpr(RegWidth.W, X(dst), V(src)); return;
            case ConvOp.I64ReinterpretF64: _a.FmovToGpr(RegWidth.X, X(dst), V(src)); return;
            case ConvOp.F32ReinterpretI32: _a.FmovFromGpr(RegWidth.W, V(dst), X(src)); return;
            case ConvOp.F64ReinterpretI64: _a.FmovFromGpr(RegWidth.X, V(dst), X(src)); return;
            case ConvOp.F32DemoteF64: _a.Fcvt(FpSize.S, V(dst), V(src)); return;
            case ConvOp.F64PromoteF32: _a.Fcvt(FpSize.D, V(dst), V(src)); return;
            // scvtf/ucvtf round to nearest, ties to even, from any width: every convert is one instruction
            case ConvOp.F32ConvertI32S: _a.Scvtf(FpSize.S, RegWidth.W, V(dst), X(src)); return;
            case ConvOp.F32ConvertI32U: _a.Ucvtf(FpSize.S, RegWidth.W, V(dst), X(src)); return;
            case ConvOp.F32ConvertI64S: _a.Scvtf(FpSize.S, RegWidth.X, V(dst), X(src)); return;
            case ConvOp.F32ConvertI64U: _a.Ucvtf(FpSize.S, RegWidth.X, V(dst), X(src)); return;
            case ConvOp.F64ConvertI32S: _a.Scvtf(FpSize.D, RegWidth.W, V(dst), X(src)); return;
            case ConvOp.F64ConvertI32U: _a.Ucvtf(FpSize.D, RegWidth.W, V(dst), X(src)); return;
            case ConvOp.F64ConvertI64S: _a.Scvtf(FpSize.D, RegWidth.X, V(dst), X(src)); return;
            case ConvOp.F64ConvertI64U: _a.Ucvtf(FpSize.D, RegWidth.X, V(dst), X(src)); return;
            default: Truncate(op, X(dst), V(src), traps); return;
        }
    }

    /// <summary>
    /// Float to integer. fcvtzs/fcvtzu saturate and map NaN to 0, which is exactly <c>trunc_sat</c>; the trapping
    /// <c>trunc</c> first checks for NaN and the range (<see cref="Truncation.RangeOf"/>).
    /// </summary>
    private void Truncate(ConvOp op, XReg dst, VReg src, in TrapLabels traps)
    {
        var shape = Truncation.ShapeOf(op);
        var size = F(shape.FromF64);
        if (!shape.Saturating)
        {
            var (lower, lowerInclusive, upper) = Truncation.RangeOf(shape);
            _a.Fcmp(size, src, src);
            BCond(Cond.Vs, traps.InvalidConversion);
            using var s = Scratch();
            var bound = FTmp(s);
            FloatConst(shape.FromF64, bound, Truncation.Bits(shape.FromF64, lower));
            _a.Fcmp(size, src, bound);
            BCond(lowerInclusive ? Cond.Lt : Cond.Le, traps.Overflow);
            FloatConst(shape.FromF64, bound, Truncation.Bits(shape.FromF64, upper));
            _a.Fcmp(size, src, bound);
            BCond(Cond.Ge, traps.Overflow);
        }
        if (shape.Signed) _a.Fcvtzs(W(shape.To64), size, dst, src);
        else _a.Fcvtzu(W(shape.To64), size, dst, src);
    }
}
