using WasmSharp.Binary;

namespace WasmSharp.Singlepass.CodeGen;

// Compare-and-branch fusion: an integer comparison (or eqz) immediately followed by br_if or if is not turned into
// a 0/1 value; the branch tests the comparison directly. Likewise a float comparison immediately followed by select.
internal sealed partial class FunctionCompiler
{
    /// <summary>The first byte of the next operator, or -1 at the end of the body.</summary>
    private int _next;
    private Condition _deferred;

    /// <summary>A branch condition: a value in a register, or a comparison not yet evaluated.</summary>
    private struct Condition
    {
        public bool Fused;
        public Reg Value;
        public IntCmp Op;
        public bool Is64;
        public Reg Lhs;
        public Operand Rhs;
    }

    private bool NextIsConditionalBranch() => _next is (int)Opcode.BrIf or (int)Opcode.If;

    /// <summary>A comparison may wait for a branch that follows it directly or behind one i32.eqz, which then
    /// inverts it (<c>i32.eq; i32.eqz; if</c> is common in compiled C).</summary>
    private bool NextBranchesOnComparison()
    {
        if (NextIsConditionalBranch()) return true;
        if (_next != (int)Opcode.I32Eqz) return false;
        var bytes = _module.Bytes;
        int after = _nextOffset + 1;
        return after < bytes.Length && bytes[after] is (byte)Opcode.BrIf or (byte)Opcode.If;
    }

    /// <summary>i32.eqz of a deferred comparison (<see cref="NextBranchesOnComparison"/>): the opposite comparison,
    /// still deferred to the branch after it.</summary>
    private void InvertDeferred() => _deferred.Op = _deferred.Op switch
    {
        IntCmp.Eq => IntCmp.Ne, IntCmp.Ne => IntCmp.Eq,
        IntCmp.LtS => IntCmp.GeS, IntCmp.GeS => IntCmp.LtS, IntCmp.LtU => IntCmp.GeU, IntCmp.GeU => IntCmp.LtU,
        IntCmp.GtS => IntCmp.LeS, IntCmp.LeS => IntCmp.GtS, IntCmp.GtU => IntCmp.LeU, _ => IntCmp.GtU,
    };

    /// <summary>Leaves the comparison for the branch that follows; its i32 result is a placeholder entry that only
    /// that branch will pop.</summary>
    private void Defer(IntCmp op, bool is64, Reg lhs, Operand rhs)
    {
        _deferred = new Condition { Fused = true, Op = op, Is64 = is64, Lhs = lhs, Rhs = rhs };
        Push(StackValue.Const(ValType.I32, 0));
    }

    /// <summary>A float comparison waiting for the select right after it (<see cref="DeferFloat"/>).</summary>
    private struct FloatCondition
    {
        public bool Pending;
        public FloatCmp Op;
        public bool Is64;
        public Reg Lhs;
        public Reg Rhs;
    }

    private FloatCondition _deferredFloat;

    private bool NextIsSelect() => _next is (int)Opcode.Select or (int)Opcode.SelectT;

    /// <summary>Leaves a float comparison for the select that follows (<see cref="SelectOnFloatComparison"/>): no
    /// 0/1 value; its i32 result is a placeholder entry that only that select pops.</summary>
    private void DeferFloat(FloatCmp op, bool is64, Reg lhs, Reg rhs)
    {
        _deferredFloat = new FloatCondition { Pending = true, Op = op, Is64 = is64, Lhs = lhs, Rhs = rhs };
        Push(StackValue.Const(ValType.I32, 0));
    }

    /// <summary><c>select</c> decided by the deferred float comparison.</summary>
    private void SelectOnFloatComparison()
    {
        var c = _deferredFloat;
        _deferredFloat = default;
        _count--;
        var b = PopToReg();
        var type = Peek().Type;
        var a = PopToReg();
        var flag = Alloc(RegClass.Int);
        _masm.SelectOnFloatCompare(type, a, b, c.Op, c.Is64, c.Lhs, c.Rhs, flag);
        Free(flag);
        Free(b);
        Free(c.Lhs);
        Free(c.Rhs);
        PushReg(type, a);
    }

    private Condition PopCondition()
    {
        if (_deferred.Fused)
        {
            var c = _deferred;
            _deferred = default;
            _count--;
            return c;
        }
        return new Condition { Value = PopToReg() };
    }

    private void BranchOn(in Condition c, bool whenTrue, Label target)
    {
        if (c.Fused) _masm.CompareAndBranch(c.Op, c.Is64, c.Lhs, c.Rhs, whenTrue, target);
        else if (whenTrue) _masm.BranchIfNonZero(false, c.Value, target);
        else _masm.BranchIfZero(false, c.Value, target);
    }

    private void FreeCondition(in Condition c)
    {
        if (!c.Fused)
        {
            Free(c.Value);
            return;
        }
        Free(c.Lhs);
        if (!c.Rhs.IsImm) Free(c.Rhs.Reg);
    }
}
