using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// Straight-line operators.
internal sealed partial class FunctionCompiler
{
    private void Emit(ref Instruction ins)
    {
        if (SkipDead(ref ins)) return;
        var op = ins.Opcode;
        if ((int)op >= 0x200)
        {
            EmitSimd(ref ins);
            return;
        }
        switch (op)
        {
            case Opcode.Unreachable:
                _masm.Jump(_traps[TrapKind.Unreachable]);
                SetUnreachable();
                return;
            case Opcode.Nop: return;
            case Opcode.Block or Opcode.Loop: Block(ref ins); return;
            case Opcode.If: If(ref ins); return;
            case Opcode.Else: Else(); return;
            case Opcode.End: End(); return;
            case Opcode.Br: Br(ins.Index); return;
            case Opcode.BrIf: BrIf(ins.Index); return;
            case Opcode.BrTable: BrTable(ref ins); return;
            case Opcode.Return: Return(); return;
            case Opcode.Call: Call(ins.Index); return;
            case Opcode.CallIndirect: CallIndirect(ins.Index, ins.Index2); return;
            case Opcode.Drop: Drop(); return;
            case Opcode.Select or Opcode.SelectT: Select(); return;
            case Opcode.LocalGet: LocalGet(ins.Index); return;
            case Opcode.LocalSet: LocalSet(ins.Index, tee: false); return;
            case Opcode.LocalTee: LocalSet(ins.Index, tee: true); return;
            case Opcode.GlobalGet: GlobalGet(ins.Index); return;
            case Opcode.GlobalSet: GlobalSet(ins.Index); return;
            case Opcode.I32Const: PushConst(ValType.I32, (uint)ins.Value); return;
            case Opcode.I64Const: PushConst(ValType.I64, ins.Value); return;
            case Opcode.F32Const: PushConst(ValType.F32, (uint)ins.Value); return;
            case Opcode.F64Const: PushConst(ValType.F64, ins.Value); return;
            case Opcode.RefNull: PushConst(ins.Type, 0); return;
            case Opcode.RefIsNull: IntUnary(IntUnOp.Eqz, true, ValType.I32); return;
            case Opcode.RefFunc:
            {
                var r = Alloc(RegClass.Int);
                _masm.FunctionRef(r, (int)ins.Index);
                PushReg(ValType.FuncRef, r);
                return;
            }
            case Opcode.MemorySize:
            {
                var r = Alloc(RegClass.Int);
                _masm.MemorySize(r);
                PushReg(ValType.I32, r);
                return;
            }
            case Opcode.MemoryGrow: Libcall(LibcallId.MemoryGrow, 1, [], returnsValue: true, returnsStatus: false); return;
        }
        if (EmitMemoryOp(ref ins) || EmitNumeric(op) || EmitBulk(ref ins)) return;
        throw new UnsupportedFeatureException(OpcodeTable.Name(op), "not supported by the Singlepass compiler");
    }

    private void Drop()
    {
        var v = Pop();
        if (v.Kind == ValueKind.Reg) Free(v.Reg);
    }

    private void Select()
    {
        if (_deferredFloat.Pending)
        {
            SelectOnFloatComparison();
            return;
        }
        var cond = PopToReg();
        var b = PopToReg();
        var type = Peek().Type;
        var a = PopToReg();
        _masm.Select(type, a, b, cond);
        Free(b);
        Free(cond);
        PushReg(type, a);
    }

    private void LocalGet(uint index)
    {
        var t = _validator.Locals[(int)index];
        if (IsPinned(index))
        {
            PinnedGet(index, t);
            return;
        }
        var r = Alloc(ClassOf(t));
        _masm.Load(t, r, LocalAddr(index));
        PushReg(t, r);
    }

    private void LocalSet(uint index, bool tee)
    {
        if (IsPinned(index))
        {
            PinnedSet(index, tee);
            return;
        }
        var dst = LocalAddr(index);
        ref var v = ref Peek();
        switch (v.Kind)
        {
            case ValueKind.Const:
                _masm.StoreImm(v.Type, dst, v.Bits);
                if (!tee) _count--;
                return;
            case ValueKind.Reg:
                _masm.Store(v.Type, dst, v.Reg);
                if (!tee) Free(Pop().Reg);
                return;
            default:
                var t = v.Type;
                var r = PopToReg();
                _masm.Store(t, dst, r);
                if (tee) PushReg(t, r);
                else Free(r);
                return;
        }
    }

    private void GlobalGet(uint index)
    {
        var t = _module.Globals[(int)index].ValType;
        if (t == ValType.V128) RequireSimd();
        var addr = Alloc(RegClass.Int);
        _masm.GlobalAddress(addr, (int)index);
        if (ClassOf(t) == RegClass.Int)
        {
            _masm.Load(t, addr, Addr.At(addr, 0));
            PushReg(t, addr);
            return;
        }
        var r = Alloc(RegClass.Float);
        _masm.Load(t, r, Addr.At(addr, 0));
        Free(addr);
        PushReg(t, r);
    }

    private void GlobalSet(uint index)
    {
        var t = _module.Globals[(int)index].ValType;
        if (t == ValType.V128) RequireSimd();
        var value = PopToReg();
        var addr = Alloc(RegClass.Int);
        _masm.GlobalAddress(addr, (int)index);
        _masm.Store(t, Addr.At(addr, 0), value);
        Free(addr);
        Free(value);
    }

    // ---- memory -------------------------------------------------------------------------------------------

    private bool EmitMemoryOp(ref Instruction ins)
    {
        MemOp? mop = ins.Opcode switch
        {
            Opcode.I32Load => MemOp.I32Load, Opcode.I64Load => MemOp.I64Load,
            Opcode.F32Load => MemOp.F32Load, Opcode.F64Load => MemOp.F64Load,
            Opcode.I32Load8S => MemOp.I32Load8S, Opcode.I32Load8U => MemOp.I32Load8U,
            Opcode.I32Load16S => MemOp.I32Load16S, Opcode.I32Load16U => MemOp.I32Load16U,
            Opcode.I64Load8S => MemOp.I64Load8S, Opcode.I64Load8U => MemOp.I64Load8U,
            Opcode.I64Load16S => MemOp.I64Load16S, Opcode.I64Load16U => MemOp.I64Load16U,
            Opcode.I64Load32S => MemOp.I64Load32S, Opcode.I64Load32U => MemOp.I64Load32U,
            Opcode.I32Store => MemOp.I32Store, Opcode.I64Store => MemOp.I64Store,
            Opcode.F32Store => MemOp.F32Store, Opcode.F64Store => MemOp.F64Store,
            Opcode.I32Store8 => MemOp.I32Store8, Opcode.I32Store16 => MemOp.I32Store16,
            Opcode.I64Store8 => MemOp.I64Store8, Opcode.I64Store16 => MemOp.I64Store16, Opcode.I64Store32 => MemOp.I64Store32,
            _ => null,
        };
        if (mop is not { } m) return false;
        var oob = _traps.MemoryAccess();
        if (m >= MemOp.I32Store)
        {
            var value = PopToReg();
            var addr = PopToReg();
            _masm.MemoryAccess(m, value, addr, ins.Value, oob);
            Free(value);
            Free(addr);
            return true;
        }
        var resultType = m switch
        {
            MemOp.F32Load => ValType.F32,
            MemOp.F64Load => ValType.F64,
            MemOp.I32Load or MemOp.I32Load8S or MemOp.I32Load8U or MemOp.I32Load16S or MemOp.I32Load16U => ValType.I32,
            _ => ValType.I64,
        };
        var a = PopToReg();
        if (ClassOf(resultType) == RegClass.Int)
        {
            // a borrowed local's register is read, never written
            var dst = NextSetsPinned(resultType, out var target) ? target : IsPinnedReg(a) ? Alloc(RegClass.Int) : a;
            _masm.MemoryAccess(m, dst, a, ins.Value, oob);
            if (dst != a) Free(a);
            PushReg(resultType, dst);
            return true;
        }
        var f = NextSetsPinned(resultType, out var ft) ? ft : Alloc(RegClass.Float);
        _masm.MemoryAccess(m, f, a, ins.Value, oob);
        Free(a);
        PushReg(resultType, f);
        return true;
    }

    // ---- bulk memory and tables -----------------------------------------------------------------------------

    private bool EmitBulk(ref Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.MemoryFill: Libcall(LibcallId.MemoryFill, 3, [], false, true); return true;
            case Opcode.MemoryCopy: Libcall(LibcallId.MemoryCopy, 3, [], false, true); return true;
            case Opcode.MemoryInit: Libcall(LibcallId.MemoryInit, 3, [ins.Index], false, true); return true;
            case Opcode.DataDrop: Libcall(LibcallId.DataDrop, 0, [ins.Index], false, false); return true;
            case Opcode.TableInit: Libcall(LibcallId.TableInit, 3, [ins.Index2, ins.Index], false, true); return true;
            case Opcode.ElemDrop: Libcall(LibcallId.ElemDrop, 0, [ins.Index], false, false); return true;
            case Opcode.TableCopy: Libcall(LibcallId.TableCopy, 3, [ins.Index, ins.Index2], false, true); return true;
            case Opcode.TableFill: TableFill(ins.Index); return true;
            case Opcode.TableGrow: TableGrow(ins.Index); return true;
            case Opcode.TableSize:
            {
                var r = Alloc(RegClass.Int);
                _masm.TableSize(r, (int)ins.Index);
                PushReg(ValType.I32, r);
                return true;
            }
            case Opcode.TableGet:
            {
                var idx = PopToReg();
                _masm.TableGet(idx, idx, (int)ins.Index, _traps[TrapKind.OutOfBoundsTableAccess]);
                PushReg(_module.Tables[(int)ins.Index].ElemType, idx);
                return true;
            }
            case Opcode.TableSet:
            {
                var value = PopToReg();
                var idx = PopToReg();
                _masm.TableSet(idx, value, (int)ins.Index, _traps[TrapKind.OutOfBoundsTableAccess]);
                Free(value);
                Free(idx);
                return true;
            }
        }
        return false;
    }

    /// <summary>table.fill i ref n: the runtime takes (table, i, ref, n) in that order, as on the stack.</summary>
    private void TableFill(uint table) => Libcall(LibcallId.TableFill, 3, [table], false, true);

    /// <summary>table.grow ref n: the runtime takes (table, ref, n), as on the stack.</summary>
    private void TableGrow(uint table) => Libcall(LibcallId.TableGrow, 2, [table], returnsValue: true, returnsStatus: false);
}
