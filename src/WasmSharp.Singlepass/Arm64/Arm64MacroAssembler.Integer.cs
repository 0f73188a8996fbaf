using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64MacroAssembler
{
    public override void IntBinary(IntBinOp op, bool is64, Reg dst, Reg lhs, Operand rhs)
    {
        Island();
        var w = W(is64);
        XReg d = X(dst), l = X(lhs);
        if (rhs.IsImm && TryImmediate(op, is64, d, l, Value(is64, rhs.Imm))) return;
        using var s = Scratch();
        XReg r = rhs.IsImm ? Materialize(is64, rhs.Imm, s) : X(rhs.Reg);
        switch (op)
        {
            case IntBinOp.Add: _a.Add(w, d, l, r); return;
            case IntBinOp.Sub: _a.Sub(w, d, l, r); return;
            case IntBinOp.Mul: _a.Mul(w, d, l, r); return;
            case IntBinOp.And: _a.Logic(LogicOp.And, w, d, l, r); return;
            case IntBinOp.Or: _a.Logic(LogicOp.Orr, w, d, l, r); return;
            case IntBinOp.Xor: _a.Logic(LogicOp.Eor, w, d, l, r); return;
            // variable shifts and rotates take the count modulo the width, as Wasm does
            case IntBinOp.Shl: _a.ShiftVar(Shift.Lsl, w, d, l, r); return;
            case IntBinOp.ShrS: _a.ShiftVar(Shift.Asr, w, d, l, r); return;
            case IntBinOp.ShrU: _a.ShiftVar(Shift.Lsr, w, d, l, r); return;
            case IntBinOp.Rotr: _a.ShiftVar(Shift.Ror, w, d, l, r); return;
            default:
                // rotl n = rotr -n (mod width)
                var n = Tmp(s);
                _a.Neg(w, n, r);
                _a.ShiftVar(Shift.Ror, w, d, l, n);
                return;
        }
    }

    /// <summary>The immediate as the instruction sees it: 32-bit operations look at the low 32 bits only.</summary>
    private static ulong Value(bool is64, long imm) => is64 ? (ulong)imm : (uint)imm;

    /// <summary>Negation at the operand width.</summary>
    private static ulong Negated(bool is64, ulong v) => is64 ? (ulong)-(long)v : (uint)-(int)(uint)v;

    /// <summary>Emits the operation with an encoded immediate when one exists (add/sub 12-bit, logical bitmask,
    /// shift/rotate counts); false when the value must be materialized.</summary>
    private bool TryImmediate(IntBinOp op, bool is64, XReg d, XReg l, ulong v)
    {
        var w = W(is64);
        int bits = is64 ? 64 : 32;
        int count = (int)(v & (ulong)(bits - 1));
        switch (op)
        {
            case IntBinOp.Add or IntBinOp.Sub:
                var (same, other) = op == IntBinOp.Add ? (AddSubOp.Add, AddSubOp.Sub) : (AddSubOp.Sub, AddSubOp.Add);
                if (AddSubImmediate.IsEncodable(v)) _a.AddSubImm(same, w, d, l, v);
                else if (AddSubImmediate.IsEncodable(Negated(is64, v))) _a.AddSubImm(other, w, d, l, Negated(is64, v));
                else return false;
                return true;
            case IntBinOp.And or IntBinOp.Or or IntBinOp.Xor:
                if (!LogicalImmediate.IsEncodable(v, w)) return false;
                _a.LogicImm(op == IntBinOp.And ? LogicOp.And : op == IntBinOp.Or ? LogicOp.Orr : LogicOp.Eor, w, d, l, v);
                return true;
            case IntBinOp.Shl: _a.ShiftImm(Shift.Lsl, w, d, l, count); return true;
            case IntBinOp.ShrS: _a.ShiftImm(Shift.Asr, w, d, l, count); return true;
            case IntBinOp.ShrU: _a.ShiftImm(Shift.Lsr, w, d, l, count); return true;
            case IntBinOp.Rotr: _a.ShiftImm(Shift.Ror, w, d, l, count); return true;
            case IntBinOp.Rotl: _a.ShiftImm(Shift.Ror, w, d, l, (bits - count) % bits); return true;
            default: return false;
        }
    }

    /// <summary>A constant in a scratch register of <paramref name="s"/>.</summary>
    private XReg Materialize(bool is64, long imm, in ScratchScope s)
    {
        var r = Tmp(s);
        _a.MovImm(W(is64), r, Value(is64, imm));
        return r;
    }

    public override void IntDivRem(DivOp op, bool is64, Reg dst, Reg lhs, Reg rhs, in TrapLabels traps)
    {
        Island();
        var w = W(is64);
        XReg d = X(dst), l = X(lhs), r = X(rhs);
        // sdiv/udiv never fault: x / 0 gives 0 and MIN / -1 gives MIN, so Wasm's traps are explicit
        Cbz(false, w, r, traps.DivideByZero);
        switch (op)
        {
            case DivOp.DivU: _a.Udiv(w, d, l, r); return;
            case DivOp.DivS:
                // lhs - 1 overflows only for MIN (V set); then rhs + 1 == 0 only for -1
                _a.CmpImm(w, l, 1);
                _a.CcmnImm(w, r, 1, 0, Cond.Vs);
                BCond(Cond.Eq, traps.Overflow);
                _a.Sdiv(w, d, l, r);
                return;
            default:
            {
                // remainder = lhs - (lhs / rhs) * rhs; MIN rem -1 is MIN - MIN = 0, as Wasm wants
                using var s = Scratch();
                var q = Tmp(s);
                if (op == DivOp.RemS) _a.Sdiv(w, q, l, r); else _a.Udiv(w, q, l, r);
                _a.Msub(w, d, q, r, l);
                return;
            }
        }
    }

    private static Cond CondOf(IntCmp op) => op switch
    {
        IntCmp.Eq => Cond.Eq, IntCmp.Ne => Cond.Ne,
        IntCmp.LtS => Cond.Lt, IntCmp.LtU => Cond.Lo, IntCmp.GtS => Cond.Gt, IntCmp.GtU => Cond.Hi,
        IntCmp.LeS => Cond.Le, IntCmp.LeU => Cond.Ls, IntCmp.GeS => Cond.Ge, _ => Cond.Hs,
    };

    /// <summary>Sets the flags for <c>lhs - rhs</c>: cmp with a 12-bit immediate, cmn with a negated one, else a
    /// register.</summary>
    private void Compare(bool is64, XReg lhs, Operand rhs)
    {
        var w = W(is64);
        if (!rhs.IsImm)
        {
            _a.Cmp(w, lhs, X(rhs.Reg));
            return;
        }
        ulong v = Value(is64, rhs.Imm);
        if (AddSubImmediate.IsEncodable(v)) _a.CmpImm(w, lhs, v);
        else if (AddSubImmediate.IsEncodable(Negated(is64, v))) _a.CmnImm(w, lhs, Negated(is64, v));
        else
        {
            using var s = Scratch();
            _a.Cmp(w, lhs, Materialize(is64, rhs.Imm, s));
        }
    }

    public override void IntCompare(IntCmp op, bool is64, Reg dst, Reg lhs, Operand rhs)
    {
        Island();
        Compare(is64, X(lhs), rhs);
        _a.Cset(RegWidth.W, X(dst), CondOf(op));
    }

    public override void IntUnary(IntUnOp op, bool is64, Reg dst, Reg src)
    {
        Island();
        var w = W(is64);
        XReg d = X(dst), x = X(src);
        switch (op)
        {
            case IntUnOp.Eqz:
                _a.CmpImm(w, x, 0);
                _a.Cset(RegWidth.W, d, Cond.Eq);
                return;
            case IntUnOp.Clz:
                _a.Clz(w, d, x);
                return;
            case IntUnOp.Ctz:
                _a.Rbit(w, d, x);
                _a.Clz(w, d, d);
                return;
            default:
            {
                // no scalar popcount: count the bits of each byte in a vector register and add the bytes up
                using var s = Scratch();
                var v = FTmp(s);
                _a.FmovFromGpr(w, v, x);
                _a.Cnt8B(v, v);
                _a.Addv8B(v, v);
                _a.FmovToGpr(RegWidth.W, d, v);
                return;
            }
        }
    }

    public override void Select(ValType t, Reg dst, Reg other, Reg cond)
    {
        Island();
        if (t == ValType.V128)
        {
            // no 128-bit csel: skip the move when the condition holds
            _a.Cbnz(RegWidth.W, X(cond), _a.Position + 8);
            _a.VecMov(V(dst), V(other));
            return;
        }
        _a.CmpImm(RegWidth.W, X(cond), 0);
        if (dst.Class == RegClass.Int) _a.Csel(RegWidth.X, X(dst), X(dst), X(other), Cond.Ne);
        else _a.Fcsel(FpSize.D, V(dst), V(dst), V(other), Cond.Ne);
    }
}
