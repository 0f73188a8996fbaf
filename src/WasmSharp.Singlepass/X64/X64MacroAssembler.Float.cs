using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

internal sealed partial class X64MacroAssembler
{
    private const ulong SignMask32 = 0x8000_0000UL, SignMask64 = 0x8000_0000_0000_0000UL;

    public override void FloatBinary(FloatBinOp op, bool is64, Reg dst, Reg lhs, Reg rhs)
    {
        Xmm d = X(dst), l = X(lhs), r = X(rhs);
        if (op == FloatBinOp.Copysign)
        {
            Copysign(is64, d, l, r);
            return;
        }
        if (Avx && d != l && op is FloatBinOp.Add or FloatBinOp.Sub or FloatBinOp.Mul or FloatBinOp.Div)
        {
            // VEX has three operands: no copy of lhs first, and dst may be rhs
            _a.Avx(ArithOp(op, is64), d, l, r);
            return;
        }
        using var scratch = Scratch();
        if (d != l)
        {
            if (d == r)
            {
                if (op is FloatBinOp.Add or FloatBinOp.Mul or FloatBinOp.Min or FloatBinOp.Max) (l, r) = (r, l);
                else
                {
                    var copy = X(scratch.Float());
                    MoveXmm(copy, r);
                    r = copy;
                }
            }
            MoveXmm(d, l);
        }
        if (op is FloatBinOp.Min or FloatBinOp.Max) MinMax(op == FloatBinOp.Min, is64, d, r);
        else FloatOp(ArithOp(op, is64), d, r);
    }

    /// <summary>The scalar instruction of add, sub, mul or div.</summary>
    private static SseOp ArithOp(FloatBinOp op, bool is64) => op switch
    {
        FloatBinOp.Add => is64 ? SseOp.Addsd : SseOp.Addss,
        FloatBinOp.Sub => is64 ? SseOp.Subsd : SseOp.Subss,
        FloatBinOp.Mul => is64 ? SseOp.Mulsd : SseOp.Mulss,
        _ => is64 ? SseOp.Divsd : SseOp.Divss,
    };

    /// <summary>Wasm min/max: a NaN operand gives NaN, and -0 is less than +0 (minss/maxss alone get both wrong).
    /// The common case, ordered and unequal operands, falls through to minss/maxss with one taken branch (the jump
    /// to the end); equal operands and NaNs (ucomiss sets ZF for both) branch off to their fix-ups.</summary>
    private void MinMax(bool min, bool is64, Xmm d, Xmm r)
    {
        var equalOrNan = _a.CreateLabel();
        var nan = _a.CreateLabel();
        var done = _a.CreateLabel();
        Ucomi(is64, d, r);
        _a.Jcc(Cond.E, equalOrNan);
        FloatOp(min ? (is64 ? SseOp.Minsd : SseOp.Minss) : (is64 ? SseOp.Maxsd : SseOp.Maxss), d, r);
        _a.Jmp(done);
        _a.Bind(equalOrNan);
        _a.Jcc(Cond.P, nan);
        // equal: only the sign of zero can differ; or-ing picks -0 for min, and-ing picks +0 for max
        FloatOp(min ? (is64 ? SseOp.Orpd : SseOp.Orps) : (is64 ? SseOp.Andpd : SseOp.Andps), d, r);
        _a.Jmp(done);
        _a.Bind(nan);
        // adding quiets a signalling NaN, as Wasm's NaN results must be
        FloatOp(is64 ? SseOp.Addsd : SseOp.Addss, d, r);
        _a.Bind(done);
    }

    /// <summary><c>d = (l &amp; ~sign) | (r &amp; sign)</c>; both inputs are read before <paramref name="d"/> is written.</summary>
    private void Copysign(bool is64, Xmm d, Xmm l, Xmm r)
    {
        using var scratch = Scratch();
        Xmm mask = X(scratch.Float()), signOfR = X(scratch.Float());
        ulong sign = is64 ? SignMask64 : SignMask32;
        FloatConst(is64, mask, sign);
        MoveXmm(signOfR, r);
        FloatOp(SseOp.Andps, signOfR, mask);
        FloatOp(SseOp.Andnps, mask, l);
        MoveXmm(d, mask);
        FloatOp(SseOp.Orps, d, signOfR);
    }

    public override void FloatUnary(FloatUnOp op, bool is64, Reg dst, Reg src)
    {
        using var held = Holding(Float(FScratch));
        Xmm d = X(dst), s = X(src);
        ulong sign = is64 ? SignMask64 : SignMask32;
        switch (op)
        {
            case FloatUnOp.Abs:
                MoveXmm(d, s);
                FloatConst(is64, FScratch, ~sign & (is64 ? ulong.MaxValue : 0xFFFF_FFFFUL));
                FloatOp(SseOp.Andps, d, FScratch);
                return;
            case FloatUnOp.Neg:
                MoveXmm(d, s);
                FloatConst(is64, FScratch, sign);
                FloatOp(SseOp.Xorps, d, FScratch);
                return;
            case FloatUnOp.Sqrt:
                FloatOp(is64 ? SseOp.Sqrtsd : SseOp.Sqrtss, d, s);
                return;
            default:
                // roundss/roundsd mode: 0 nearest-even, 1 floor, 2 ceil, 3 truncate; bit 3 suppresses the inexact exception
                int mode = op switch { FloatUnOp.Nearest => 0, FloatUnOp.Floor => 1, FloatUnOp.Ceil => 2, _ => 3 } | 8;
                FloatOp(is64 ? SseOp.Roundsd : SseOp.Roundss, d, s, mode);
                return;
        }
    }

    public override void CanonicalizeNaN(Reg reg, bool is64)
    {
        // ucomis x, x is unordered (PF set) only for NaN: the common case falls through one not-taken branch
        var x = X(reg);
        var done = _a.CreateLabel();
        Ucomi(is64, x, x);
        _a.Jcc(Cond.NP, done);
        FloatConst(is64, x, is64 ? CanonicalNaN64 : CanonicalNaN32);
        _a.Bind(done);
    }

    /// <summary>The select tests ucomiss's flags directly: no setcc/and/movzx for the 0/1 value and no test of it.
    /// Integer results use cmov; float and v128 results branch around the move, as <see cref="Select"/> does.</summary>
    public override void SelectOnFloatCompare(ValType t, Reg dst, Reg other, FloatCmp op, bool is64, Reg lhs, Reg rhs, Reg flag)
    {
        Xmm l = X(lhs), r = X(rhs);
        var keep = _a.CreateLabel();
        switch (op)
        {
            case FloatCmp.Eq:
                // true: ZF and not PF (unordered sets both)
                Ucomi(is64, l, r);
                if (dst.Class == RegClass.Int)
                {
                    _a.Cmov(Cond.NE, OperandSize.S64, G(dst), G(other));
                    _a.Cmov(Cond.P, OperandSize.S64, G(dst), G(other));
                    return;
                }
                var replace = _a.CreateLabel();
                _a.Jcc(Cond.P, replace);
                _a.Jcc(Cond.E, keep);
                _a.Bind(replace);
                break;
            case FloatCmp.Ne:
                // true: not ZF, or PF
                Ucomi(is64, l, r);
                _a.Jcc(Cond.P, keep);
                if (dst.Class == RegClass.Int)
                {
                    _a.Cmov(Cond.E, OperandSize.S64, G(dst), G(other));
                    _a.Bind(keep);
                    return;
                }
                _a.Jcc(Cond.NE, keep);
                break;
            default:
                // as FloatCompare: lt/le swap the operands; unordered sets CF, so "above (or equal)" is false for NaN
                if (op is FloatCmp.Lt or FloatCmp.Le) Ucomi(is64, r, l);
                else Ucomi(is64, l, r);
                var holds = op is FloatCmp.Lt or FloatCmp.Gt ? Cond.A : Cond.AE;
                if (dst.Class == RegClass.Int)
                {
                    _a.Cmov(holds == Cond.A ? Cond.BE : Cond.B, OperandSize.S64, G(dst), G(other));
                    return;
                }
                _a.Jcc(holds, keep);
                break;
        }
        MoveXmm(X(dst), X(other));
        _a.Bind(keep);
    }

    private const ulong CanonicalNaN32 = 0x7FC0_0000UL, CanonicalNaN64 = 0x7FF8_0000_0000_0000UL;

    public override void FloatCompare(FloatCmp op, bool is64, Reg dst, Reg lhs, Reg rhs)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        Xmm l = X(lhs), r = X(rhs);
        var d = G(dst);
        switch (op)
        {
            case FloatCmp.Eq:
                Ucomi(is64, l, r);
                _a.Setcc(Cond.E, Gpr.Rax);
                _a.Setcc(Cond.NP, Gpr.Rcx);
                _a.And(OperandSize.S32, Gpr.Rax, Gpr.Rcx);
                _a.Movzx(OperandSize.S32, d, OperandSize.S8, Gpr.Rax);
                return;
            case FloatCmp.Ne:
                Ucomi(is64, l, r);
                _a.Setcc(Cond.NE, Gpr.Rax);
                _a.Setcc(Cond.P, Gpr.Rcx);
                _a.Or(OperandSize.S32, Gpr.Rax, Gpr.Rcx);
                _a.Movzx(OperandSize.S32, d, OperandSize.S8, Gpr.Rax);
                return;
            // unordered sets CF, so "above" and "above or equal" are false for NaN, as Wasm wants
            case FloatCmp.Lt: Ucomi(is64, r, l); SetFlag(Cond.A, d); return;
            case FloatCmp.Gt: Ucomi(is64, l, r); SetFlag(Cond.A, d); return;
            case FloatCmp.Le: Ucomi(is64, r, l); SetFlag(Cond.AE, d); return;
            default: Ucomi(is64, l, r); SetFlag(Cond.AE, d); return;
        }
    }
}
