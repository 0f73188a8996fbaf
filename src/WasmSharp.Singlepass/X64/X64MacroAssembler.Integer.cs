using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

internal sealed partial class X64MacroAssembler
{
    public override void IntBinary(IntBinOp op, bool is64, Reg dst, Reg lhs, Operand rhs)
    {
        using var scratch = Scratch();
        // a shift count is taken modulo the width, so any constant count is encodable
        if (rhs.IsImm && op >= IntBinOp.Shl) rhs = Operand.Immediate(rhs.Imm & (is64 ? 63 : 31));
        rhs = Encodable(rhs, is64, scratch);
        // into another register, adding a constant is one lea (32-bit: the sum's low half, zero-extended)
        if (dst != lhs && rhs.IsImm && (op == IntBinOp.Add || (op == IntBinOp.Sub && rhs.Imm != int.MinValue)))
        {
            _a.Lea(Size(is64), G(dst), Mem.At(G(lhs), (int)(op == IntBinOp.Add ? rhs.Imm : -rhs.Imm)));
            return;
        }
        if (op == IntBinOp.Add && !rhs.IsImm && dst != lhs && dst != rhs.Reg)
        {
            _a.Lea(Size(is64), G(dst), Mem.At(G(lhs), G(rhs.Reg), 1));
            return;
        }
        if (dst != lhs)
        {
            if (!rhs.IsImm && rhs.Reg == dst)
            {
                if (op is IntBinOp.Add or IntBinOp.Mul or IntBinOp.And or IntBinOp.Or or IntBinOp.Xor) (lhs, rhs) = (rhs.Reg, Operand.Of(lhs));
                else
                {
                    var copy = scratch.Int();
                    _a.Mov(OperandSize.S64, G(copy), G(rhs.Reg));
                    rhs = Operand.Of(copy);
                }
            }
            if (dst != lhs) _a.Mov(OperandSize.S64, G(dst), G(lhs));
        }
        var s = Size(is64);
        var d = G(dst);
        switch (op)
        {
            case IntBinOp.Add: if (rhs.IsImm) _a.Add(s, d, (int)rhs.Imm); else _a.Add(s, d, G(rhs.Reg)); return;
            case IntBinOp.Sub: if (rhs.IsImm) _a.Sub(s, d, (int)rhs.Imm); else _a.Sub(s, d, G(rhs.Reg)); return;
            case IntBinOp.And: if (rhs.IsImm) _a.And(s, d, (int)rhs.Imm); else _a.And(s, d, G(rhs.Reg)); return;
            case IntBinOp.Or: if (rhs.IsImm) _a.Or(s, d, (int)rhs.Imm); else _a.Or(s, d, G(rhs.Reg)); return;
            case IntBinOp.Xor: if (rhs.IsImm) _a.Xor(s, d, (int)rhs.Imm); else _a.Xor(s, d, G(rhs.Reg)); return;
            case IntBinOp.Mul: if (rhs.IsImm) _a.Imul(s, d, d, (int)rhs.Imm); else _a.Imul(s, d, G(rhs.Reg)); return;
        }
        if (rhs.IsImm)
        {
            byte n = (byte)rhs.Imm;
            switch (op)
            {
                case IntBinOp.Shl: _a.Shl(s, d, n); break;
                case IntBinOp.ShrS: _a.Sar(s, d, n); break;
                case IntBinOp.ShrU: _a.Shr(s, d, n); break;
                case IntBinOp.Rotl: _a.Rol(s, d, n); break;
                default: _a.Ror(s, d, n); break;
            }
            return;
        }
        // the count must be in cl; the hardware masks it to the operand width, as Wasm does
        if (G(rhs.Reg) != Gpr.Rcx) _a.Mov(OperandSize.S32, G(scratch.Take(Int(Gpr.Rcx))), G(rhs.Reg));
        switch (op)
        {
            case IntBinOp.Shl: _a.ShlCl(s, d); break;
            case IntBinOp.ShrS: _a.SarCl(s, d); break;
            case IntBinOp.ShrU: _a.ShrCl(s, d); break;
            case IntBinOp.Rotl: _a.RolCl(s, d); break;
            default: _a.RorCl(s, d); break;
        }
    }

    /// <summary>An immediate x86 can encode (a sign-extended 32-bit one) stays one; a wider one goes into a scratch
    /// register of <paramref name="scratch"/>. The generator passes any constant: legality is the ISA's business.</summary>
    private Operand Encodable(Operand rhs, bool is64, in ScratchScope scratch)
    {
        if (!rhs.IsImm || !is64 || rhs.Imm is >= int.MinValue and <= int.MaxValue) return rhs;
        var r = scratch.Int();
        _a.Mov(OperandSize.S64, G(r), rhs.Imm);
        return Operand.Of(r);
    }

    public override void IntDivRem(DivOp op, bool is64, Reg dst, Reg lhs, Reg rhs, in TrapLabels traps)
    {
        // div/idiv work on rdx:rax; rhs is read and dst written only after lhs is in rax, so they may alias
        using var scratch = Scratch();
        scratch.Take(Int(Gpr.Rax));
        scratch.Take(Int(Gpr.Rdx));
        var s = Size(is64);
        var d = G(dst);
        var r = G(rhs);
        _a.Test(s, r, r);
        _a.Jcc(Cond.E, traps.DivideByZero);
        _a.Mov(OperandSize.S64, Gpr.Rax, G(lhs));
        switch (op)
        {
            case DivOp.DivU or DivOp.RemU:
                _a.Xor(OperandSize.S32, Gpr.Rdx, Gpr.Rdx);
                _a.Div(s, r);
                _a.Mov(OperandSize.S64, d, op == DivOp.DivU ? Gpr.Rax : Gpr.Rdx);
                return;
            case DivOp.DivS:
            {
                // MIN / -1 overflows (idiv would fault)
                var ok = _a.CreateLabel();
                _a.Cmp(s, r, -1);
                _a.Jcc(Cond.NE, ok);
                CompareWithMin(is64, Gpr.Rax);
                _a.Jcc(Cond.E, traps.Overflow);
                _a.Bind(ok);
                SignExtendRax(is64);
                _a.Idiv(s, r);
                _a.Mov(OperandSize.S64, d, Gpr.Rax);
                return;
            }
            default:
            {
                // x rem -1 is 0 for every x (and idiv would fault on MIN)
                var divide = _a.CreateLabel();
                var done = _a.CreateLabel();
                _a.Cmp(s, r, -1);
                _a.Jcc(Cond.NE, divide);
                _a.Xor(OperandSize.S32, d, d);
                _a.Jmp(done);
                _a.Bind(divide);
                SignExtendRax(is64);
                _a.Idiv(s, r);
                _a.Mov(OperandSize.S64, d, Gpr.Rdx);
                _a.Bind(done);
                return;
            }
        }
    }

    private void SignExtendRax(bool is64)
    {
        if (is64) _a.Cqo(); else _a.Cdq();
    }

    private void CompareWithMin(bool is64, Gpr value)
    {
        if (!is64)
        {
            _a.Cmp(OperandSize.S32, value, int.MinValue);
            return;
        }
        _a.Mov(OperandSize.S64, Gpr.Rdx, long.MinValue);
        _a.Cmp(OperandSize.S64, value, Gpr.Rdx);
    }

    private static Cond CondOf(IntCmp op) => op switch
    {
        IntCmp.Eq => Cond.E, IntCmp.Ne => Cond.NE,
        IntCmp.LtS => Cond.L, IntCmp.LtU => Cond.B, IntCmp.GtS => Cond.G, IntCmp.GtU => Cond.A,
        IntCmp.LeS => Cond.LE, IntCmp.LeU => Cond.BE, IntCmp.GeS => Cond.GE, _ => Cond.AE,
    };

    public override void IntCompare(IntCmp op, bool is64, Reg dst, Reg lhs, Operand rhs)
    {
        using var scratch = Scratch();
        rhs = Encodable(rhs, is64, scratch);
        var s = Size(is64);
        if (rhs.IsImm) _a.Cmp(s, G(lhs), (int)rhs.Imm);
        else _a.Cmp(s, G(lhs), G(rhs.Reg));
        SetFlag(CondOf(op), G(dst));
    }

    private void SetFlag(Cond c, Gpr dst)
    {
        _a.Setcc(c, dst);
        _a.Movzx(OperandSize.S32, dst, OperandSize.S8, dst);
    }

    public override void IntUnary(IntUnOp op, bool is64, Reg dst, Reg src)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        var s = Size(is64);
        var d = G(dst);
        var x = G(src);
        switch (op)
        {
            case IntUnOp.Eqz:
                _a.Test(s, x, x);
                SetFlag(Cond.E, d);
                return;
            case IntUnOp.Popcnt:
                _a.Popcnt(s, d, x);
                return;
            case IntUnOp.Clz:
                // bsr gives the highest set bit's index; zero input leaves ZF set and takes the cmov
                _a.Bsr(s, Gpr.Rax, x);
                _a.Mov(OperandSize.S32, Gpr.Rcx, is64 ? 127 : 63);
                _a.Cmov(Cond.E, OperandSize.S32, Gpr.Rax, Gpr.Rcx);
                _a.Xor(OperandSize.S32, Gpr.Rax, is64 ? 63 : 31);
                _a.Mov(OperandSize.S64, d, Gpr.Rax);
                return;
            default:
                _a.Bsf(s, Gpr.Rax, x);
                _a.Mov(OperandSize.S32, Gpr.Rcx, is64 ? 64 : 32);
                _a.Cmov(Cond.E, OperandSize.S32, Gpr.Rax, Gpr.Rcx);
                _a.Mov(OperandSize.S64, d, Gpr.Rax);
                return;
        }
    }

    public override void Select(ValType t, Reg dst, Reg other, Reg cond)
    {
        _a.Test(OperandSize.S32, G(cond), G(cond));
        if (dst.Class == RegClass.Int)
        {
            _a.Cmov(Cond.E, OperandSize.S64, G(dst), G(other));
            return;
        }
        var keep = _a.CreateLabel();
        _a.Jcc(Cond.NE, keep);
        MoveXmm(X(dst), X(other));
        _a.Bind(keep);
    }
}
