using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

internal sealed partial class X64MacroAssembler
{
    public override void MemoryAccess(MemOp op, Reg value, Reg addr, ulong offset, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        // rax = zero-extended address; the access is in bounds when addr + offset + size <= memory length
        _a.Mov(OperandSize.S32, Gpr.Rax, G(addr));
        if (GuardPages)
        {
            // base + 4 GiB + 4 GiB covers every address + offset: out of bounds faults on the reservation's guard
            Access(op, value, offset);
            return;
        }
        ulong end = offset + (ulong)op.Size();
        if (end <= int.MaxValue) _a.Lea(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rax, (int)end));
        else
        {
            _a.Mov(OperandSize.S64, Gpr.Rcx, (long)end);
            _a.Add(OperandSize.S64, Gpr.Rcx, Gpr.Rax);
        }
        _a.Cmp(OperandSize.S64, Gpr.Rcx, Mem.At(Vmctx, VMOffsets.VmctxMemoryLength));
        _a.Jcc(Cond.A, outOfBounds);
        Access(op, value, offset);
    }

    /// <summary>The access itself at [membase + rax + offset].</summary>
    private void Access(MemOp op, Reg value, ulong offset)
    {
        int disp = (int)offset;
        if (offset > int.MaxValue)
        {
            _a.Mov(OperandSize.S64, Gpr.Rcx, (long)offset);
            _a.Add(OperandSize.S64, Gpr.Rax, Gpr.Rcx);
            disp = 0;
        }
        var m = Mem.At(MemBase, Gpr.Rax, 1, disp);
        if (op >= MemOp.I32Store) StoreTo(op, m, value);
        else LoadFrom(op, value, m);
    }

    private void LoadFrom(MemOp op, Reg dst, Mem m)
    {
        switch (op)
        {
            case MemOp.I32Load or MemOp.I64Load32U: _a.Mov(OperandSize.S32, G(dst), m); return;
            case MemOp.I64Load: _a.Mov(OperandSize.S64, G(dst), m); return;
            case MemOp.F32Load: FloatLoad(false, X(dst), m); return;
            case MemOp.F64Load: FloatLoad(true, X(dst), m); return;
            case MemOp.I32Load8S: _a.Movsx(OperandSize.S32, G(dst), OperandSize.S8, m); return;
            case MemOp.I32Load8U or MemOp.I64Load8U: _a.Movzx(OperandSize.S32, G(dst), OperandSize.S8, m); return;
            case MemOp.I32Load16S: _a.Movsx(OperandSize.S32, G(dst), OperandSize.S16, m); return;
            case MemOp.I32Load16U or MemOp.I64Load16U: _a.Movzx(OperandSize.S32, G(dst), OperandSize.S16, m); return;
            case MemOp.I64Load8S: _a.Movsx(OperandSize.S64, G(dst), OperandSize.S8, m); return;
            case MemOp.I64Load16S: _a.Movsx(OperandSize.S64, G(dst), OperandSize.S16, m); return;
            default: _a.Movsxd(G(dst), m); return;
        }
    }

    private void StoreTo(MemOp op, Mem m, Reg src)
    {
        switch (op)
        {
            case MemOp.I32Store or MemOp.I64Store32: _a.Mov(OperandSize.S32, m, G(src)); return;
            case MemOp.I64Store: _a.Mov(OperandSize.S64, m, G(src)); return;
            case MemOp.F32Store: FloatStore(false, m, X(src)); return;
            case MemOp.F64Store: FloatStore(true, m, X(src)); return;
            case MemOp.I32Store8 or MemOp.I64Store8: _a.Mov(OperandSize.S8, m, G(src)); return;
            default: _a.Mov(OperandSize.S16, m, G(src)); return;
        }
    }

    public override void MemorySize(Reg dst)
    {
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Vmctx, VMOffsets.VmctxMemoryLength));
        _a.Shr(OperandSize.S64, G(dst), 16);
    }

    public override void GlobalAddress(Reg dst, int index)
    {
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Vmctx, VMOffsets.VmctxGlobals));
        _a.Mov(OperandSize.S64, G(dst), Mem.At(G(dst), index * 8));
    }

    public override void LoadRuntimeState(Reg dst) =>
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Vmctx, VMOffsets.VmctxRuntime));

    public override void FunctionRef(Reg dst, int index)
    {
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Vmctx, VMOffsets.VmctxFunctions));
        if (index != 0) _a.Add(OperandSize.S64, G(dst), checked(index * VMOffsets.FuncRefSize));
    }

    /// <summary>rax = the table's <see cref="TableDef"/>.</summary>
    private void TableDef(int table)
    {
        _a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Vmctx, VMOffsets.VmctxTables));
        _a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rax, table * 8));
    }

    /// <summary>rax = address of element <paramref name="index"/>, after a bounds check.</summary>
    private void TableElement(Reg index, int table, Label outOfBounds)
    {
        TableDef(table);
        _a.Cmp(OperandSize.S32, G(index), Mem.At(Gpr.Rax, VMOffsets.TableCount));
        _a.Jcc(Cond.AE, outOfBounds);
        _a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rax, VMOffsets.TableElements));
        _a.Mov(OperandSize.S32, Gpr.Rcx, G(index));
        _a.Lea(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rax, Gpr.Rcx, 8));
    }

    public override void TableGet(Reg dst, Reg index, int table, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        TableElement(index, table, outOfBounds);
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Gpr.Rax));
    }

    public override void TableSet(Reg index, Reg value, int table, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        TableElement(index, table, outOfBounds);
        _a.Mov(OperandSize.S64, Mem.At(Gpr.Rax), G(value));
    }

    public override void TableSize(Reg dst, int table)
    {
        using var held = Holding(Int(Gpr.Rax));
        TableDef(table);
        _a.Mov(OperandSize.S32, G(dst), Mem.At(Gpr.Rax, VMOffsets.TableCount));
    }

    // ---- control ------------------------------------------------------------------------------------------

    public override void Jump(Label target) => _a.Jmp(target);

    public override void BranchIfZero(bool is64, Reg value, Label target)
    {
        _a.Test(Size(is64), G(value), G(value));
        _a.Jcc(Cond.E, target);
    }

    public override void BranchIfNonZero(bool is64, Reg value, Label target)
    {
        _a.Test(Size(is64), G(value), G(value));
        _a.Jcc(Cond.NE, target);
    }

    public override void CompareAndBranch(IntCmp op, bool is64, Reg lhs, Operand rhs, bool whenTrue, Label target)
    {
        using var scratch = Scratch();
        rhs = Encodable(rhs, is64, scratch);
        var s = Size(is64);
        if (rhs.IsImm && rhs.Imm == 0 && op is IntCmp.Eq or IntCmp.Ne) _a.Test(s, G(lhs), G(lhs));
        else if (rhs.IsImm) _a.Cmp(s, G(lhs), (int)rhs.Imm);
        else _a.Cmp(s, G(lhs), G(rhs.Reg));
        var c = CondOf(op);
        _a.Jcc(whenTrue ? c : c.Negate(), target);
    }

    public override void JumpTable(Reg index, ReadOnlySpan<Label> targets, Label defaultTarget)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        _a.Cmp(OperandSize.S32, G(index), targets.Length);
        _a.Jcc(Cond.AE, defaultTarget);
        if (targets.Length == 0) return;
        var table = _a.CreateLabel();
        _a.Mov(OperandSize.S32, Gpr.Rax, G(index));
        _a.JumpThroughTable(Gpr.Rax, Gpr.Rcx, table);
        _a.JumpTable(table, targets);
    }

    // ---- calls --------------------------------------------------------------------------------------------

    public override int CallDirect() => _a.CallRel32(_a.Position);

    public override void PatchCall(int patchPosition, int targetOffset) => _a.PatchRel32(patchPosition, targetOffset);

    public override void CallFuncRef(Reg funcRef)
    {
        var f = G(funcRef);
        _a.Mov(OperandSize.S64, Vmctx, Mem.At(f, VMOffsets.FuncRefVmctx));
        _a.Mov(OperandSize.S64, MemBase, Mem.At(Vmctx, VMOffsets.VmctxMemoryBase));
        _a.Call(Mem.At(f, VMOffsets.FuncRefCode));
        RestoreContext();
    }

    /// <summary>After a call that may have switched instances: our VM context and memory base again.</summary>
    private void RestoreContext()
    {
        _a.Mov(OperandSize.S64, Vmctx, Mem.At(Gpr.Rbp, SavedVmctx));
        _a.Mov(OperandSize.S64, MemBase, Mem.At(Vmctx, VMOffsets.VmctxMemoryBase));
    }

    public override void LoadIndirectCallee(Reg dst, Reg index, int table, int typeIndex, Label undefined, Label uninitialized, Label mismatch)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        TableElement(index, table, undefined);
        _a.Mov(OperandSize.S64, G(dst), Mem.At(Gpr.Rax));
        _a.Test(OperandSize.S64, G(dst), G(dst));
        _a.Jcc(Cond.E, uninitialized);
        _a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Vmctx, VMOffsets.VmctxTypeIds));
        _a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rax, typeIndex * 4));
        _a.Cmp(OperandSize.S32, Gpr.Rax, Mem.At(G(dst), VMOffsets.FuncRefTypeId));
        _a.Jcc(Cond.NE, mismatch);
    }

    private static readonly Gpr[] ArgRegs = [Gpr.Rdi, Gpr.Rsi, Gpr.Rdx, Gpr.Rcx, Gpr.R8, Gpr.R9];

    public override void CallLibcall(LibcallId id, ReadOnlySpan<LibcallArg> args, Reg? result)
    {
        if (Abi.IsWindows)
        {
            CallLibcallWindows(id, args, result);
            return;
        }
        if (args.Length > ArgRegs.Length) throw new InvalidOperationException("too many libcall arguments");
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var r = ArgRegs[i];
            switch (a.Kind)
            {
                case LibcallArgKind.Vmctx: _a.Mov(OperandSize.S64, r, Vmctx); break;
                case LibcallArgKind.Imm: _a.Mov(OperandSize.S64, r, a.Imm); break;
                default: _a.Mov(Is64(a.Type) ? OperandSize.S64 : OperandSize.S32, r, M(a.Addr)); break;
            }
        }
        // rax: free before the call (arguments travel in rdi..r9), the result register after it
        using var scratch = Scratch();
        var table = G(scratch.Take(Int(Gpr.Rax)));
        _a.Mov(OperandSize.S64, table, Mem.At(Vmctx, VMOffsets.VmctxLibcallTable));
        _a.Call(Mem.At(table, (int)id * 8));
        if (result is { } res) _a.Mov(OperandSize.S32, G(res), Gpr.Rax);
    }
}
