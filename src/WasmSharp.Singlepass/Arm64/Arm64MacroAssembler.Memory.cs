using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;
using WasmMemOp = WasmSharp.Singlepass.CodeGen.MemOp;

namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64MacroAssembler
{
    public override void MemoryAccess(WasmMemOp op, Reg value, Reg addr, ulong offset, Label outOfBounds)
    {
        Island();
        // with guard pages, base + 4 GiB + 4 GiB covers every address + offset: out of bounds faults
        if (!GuardPages) BoundsCheck(op.Size(), X(addr), offset, outOfBounds);
        Access(op, value, X(addr), offset);
    }

    /// <summary>In bounds when zext(addr) + offset + size &lt;= memory length (no overflow: at most 2^33).</summary>
    private void BoundsCheck(int size, XReg a, ulong offset, Label outOfBounds)
    {
        using var s = Scratch();
        XReg end = Tmp(s), length = Tmp(s);
        ulong last = offset + (ulong)size;
        if (AddSubImmediate.IsEncodable(last))
        {
            _a.Mov(RegWidth.W, end, a);
            _a.AddImm(RegWidth.X, end, end, last);
        }
        else
        {
            _a.MovImm(RegWidth.X, end, last);
            _a.AddSubExt(AddSubOp.Add, RegWidth.X, end, end, a, Extend.Uxtw);
        }
        _a.Mem(MemOp.LdrX, length, Vmctx, VMOffsets.VmctxMemoryLength);
        _a.Cmp(RegWidth.X, end, length);
        BCond(Cond.Hi, outOfBounds);
    }

    /// <summary>The access at <c>membase + zext(addr) + offset</c>: one register-offset instruction without an
    /// offset; otherwise the address in a scratch register and the offset as an immediate if it encodes.</summary>
    private void Access(WasmMemOp op, Reg value, XReg addr, ulong offset)
    {
        if (offset == 0)
        {
            if (value.Class == RegClass.Int) _a.MemIndexed(IntOp(op), X(value), MemBase, addr, IndexExtend.Uxtw);
            else _a.MemIndexed(FloatOp(op), V(value), MemBase, addr, IndexExtend.Uxtw);
            return;
        }
        using var s = Scratch();
        var p = Tmp(s);
        _a.AddSubExt(AddSubOp.Add, RegWidth.X, p, MemBase, addr, Extend.Uxtw);
        int sizeLog2 = value.Class == RegClass.Int ? IntOp(op).SizeLog2() : FloatOp(op).SizeLog2();
        long disp = (long)offset;
        if (!Arm64Assembler.IsEncodableOffset(sizeLog2, disp))
        {
            var o = Tmp(s);
            _a.MovImm(RegWidth.X, o, offset);
            _a.Add(RegWidth.X, p, p, o);
            disp = 0;
        }
        if (value.Class == RegClass.Int) _a.Mem(IntOp(op), X(value), p, disp);
        else _a.Mem(FloatOp(op), V(value), p, disp);
    }

    /// <summary>The AArch64 load or store of a Wasm integer access; narrow loads extend to the result's width
    /// (a w-register write clears the upper half, so the unsigned i64 loads are the 32-bit ones).</summary>
    private static MemOp IntOp(WasmMemOp op) => op switch
    {
        WasmMemOp.I32Load or WasmMemOp.I64Load32U => MemOp.LdrW,
        WasmMemOp.I64Load => MemOp.LdrX,
        WasmMemOp.I32Load8S => MemOp.LdrsbW,
        WasmMemOp.I32Load8U or WasmMemOp.I64Load8U => MemOp.Ldrb,
        WasmMemOp.I32Load16S => MemOp.LdrshW,
        WasmMemOp.I32Load16U or WasmMemOp.I64Load16U => MemOp.Ldrh,
        WasmMemOp.I64Load8S => MemOp.LdrsbX,
        WasmMemOp.I64Load16S => MemOp.LdrshX,
        WasmMemOp.I64Load32S => MemOp.Ldrsw,
        WasmMemOp.I32Store or WasmMemOp.I64Store32 => MemOp.StrW,
        WasmMemOp.I64Store => MemOp.StrX,
        WasmMemOp.I32Store8 or WasmMemOp.I64Store8 => MemOp.Strb,
        WasmMemOp.I32Store16 or WasmMemOp.I64Store16 => MemOp.Strh,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an integer access"),
    };

    private static FpMemOp FloatOp(WasmMemOp op) => op switch
    {
        WasmMemOp.F32Load => FpMemOp.LdrS,
        WasmMemOp.F64Load => FpMemOp.LdrD,
        WasmMemOp.F32Store => FpMemOp.StrS,
        WasmMemOp.F64Store => FpMemOp.StrD,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a float access"),
    };

    public override void MemorySize(Reg dst)
    {
        Island();
        _a.Mem(MemOp.LdrX, X(dst), Vmctx, VMOffsets.VmctxMemoryLength);
        _a.ShiftImm(Shift.Lsr, RegWidth.X, X(dst), X(dst), 16);
    }

    public override void GlobalAddress(Reg dst, int index)
    {
        Island();
        _a.Mem(MemOp.LdrX, X(dst), Vmctx, VMOffsets.VmctxGlobals);
        IntAccess(MemOp.LdrX, X(dst), Addr.At(dst, checked(index * 8)));
    }

    /// <summary>One load from the VM context (the default goes through function 0's reference: three loads), as
    /// every fuel charge needs it.</summary>
    public override void LoadRuntimeState(Reg dst)
    {
        Island();
        _a.Mem(MemOp.LdrX, X(dst), Vmctx, VMOffsets.VmctxRuntime);
    }

    public override void FunctionRef(Reg dst, int index)
    {
        Island();
        _a.Mem(MemOp.LdrX, X(dst), Vmctx, VMOffsets.VmctxFunctions);
        if (index != 0) IntBinary(IntBinOp.Add, true, dst, dst, Operand.Immediate(checked(index * VMOffsets.FuncRefSize)));
    }

    /// <summary><paramref name="def"/> = the table's <see cref="TableDef"/>.</summary>
    private void TableDef(XReg def, int table)
    {
        _a.Mem(MemOp.LdrX, def, Vmctx, VMOffsets.VmctxTables);
        IntAccess(MemOp.LdrX, def, Addr.At(Int(def), checked(table * 8)));
    }

    /// <summary><paramref name="elements"/> = the table's element array, after checking <paramref name="index"/>
    /// against its count.</summary>
    private void TableElements(XReg elements, Reg index, int table, Label outOfBounds)
    {
        TableDef(elements, table);
        using var s = Scratch();
        var count = Tmp(s);
        _a.Mem(MemOp.LdrW, count, elements, VMOffsets.TableCount);
        _a.Cmp(RegWidth.W, X(index), count);
        BCond(Cond.Hs, outOfBounds);
        _a.Mem(MemOp.LdrX, elements, elements, VMOffsets.TableElements);
    }

    public override void TableGet(Reg dst, Reg index, int table, Label outOfBounds) =>
        TableAccess(MemOp.LdrX, X(dst), index, table, outOfBounds);

    public override void TableSet(Reg index, Reg value, int table, Label outOfBounds) =>
        TableAccess(MemOp.StrX, X(value), index, table, outOfBounds);

    /// <summary>Loads or stores element <paramref name="index"/> (8 bytes each) after the bounds check.</summary>
    private void TableAccess(MemOp op, XReg value, Reg index, int table, Label outOfBounds)
    {
        Island();
        using var s = Scratch();
        var elements = Tmp(s);
        TableElements(elements, index, table, outOfBounds);
        _a.MemIndexed(op, value, elements, X(index), IndexExtend.Uxtw, scaled: true);
    }

    public override void TableSize(Reg dst, int table)
    {
        Island();
        using var s = Scratch();
        var def = Tmp(s);
        TableDef(def, table);
        _a.Mem(MemOp.LdrW, X(dst), def, VMOffsets.TableCount);
    }

    // ---- control ------------------------------------------------------------------------------------------

    public override void Jump(Label target) => B(target);

    public override void BranchIfZero(bool is64, Reg value, Label target) => Cbz(false, W(is64), X(value), target);

    public override void BranchIfNonZero(bool is64, Reg value, Label target) => Cbz(true, W(is64), X(value), target);

    public override void CompareAndBranch(IntCmp op, bool is64, Reg lhs, Operand rhs, bool whenTrue, Label target)
    {
        Island();
        if (rhs.IsImm && Value(is64, rhs.Imm) == 0 && op is IntCmp.Eq or IntCmp.Ne)
        {
            Cbz((op == IntCmp.Ne) == whenTrue, W(is64), X(lhs), target);
            return;
        }
        Compare(is64, X(lhs), rhs);
        var c = CondOf(op);
        BCond(whenTrue ? c : c.Invert(), target);
    }

    /// <summary>A bounds check, then a computed jump into a table of <c>b</c> instructions (±128 MiB each).</summary>
    public override void JumpTable(Reg index, ReadOnlySpan<Label> targets, Label defaultTarget)
    {
        Compare(false, X(index), Operand.Immediate(targets.Length));
        BCond(Cond.Hs, defaultTarget);
        if (targets.Length == 0) return;
        // an island, if one is due, goes before the table: none may split it
        Island(targets.Length + 3);
        using var s = Scratch();
        var p = Tmp(s);
        int adr = _a.Adr(p, _a.Position);
        _a.AddSubExt(AddSubOp.Add, RegWidth.X, p, p, X(index), Extend.Uxtw, 2);
        _a.Br(p);
        Arm64Branches.TryPatch(Buffer, adr, _a.Position, Arm64BranchKind.Adr);
        foreach (var target in targets)
        {
            int at = _a.B(_a.Position);
            if (_labels.IsBound(target)) Arm64Branches.TryPatch(Buffer, at, _labels.OffsetOf(target), Arm64BranchKind.Imm26);
            else _labels.Reference(target, Buffer, at, at, FixupKind.Arm64Imm26);
        }
    }

    // ---- calls --------------------------------------------------------------------------------------------

    public override int CallDirect()
    {
        Island();
        return _a.Bl(_a.Position);
    }

    public override void PatchCall(int patchPosition, int targetOffset)
    {
        if (!Arm64Branches.TryPatch(Buffer, patchPosition, targetOffset, Arm64BranchKind.Imm26))
            throw new NotSupportedException("the module's code exceeds the ±128 MiB reach of an AArch64 bl");
    }

    public override void CallFuncRef(Reg funcRef)
    {
        Island();
        using var s = Scratch();
        var code = Tmp(s);
        var f = X(funcRef);
        _a.Mem(MemOp.LdrX, code, f, VMOffsets.FuncRefCode);
        _a.Mem(MemOp.LdrX, Vmctx, f, VMOffsets.FuncRefVmctx);
        _a.Mem(MemOp.LdrX, MemBase, Vmctx, VMOffsets.VmctxMemoryBase);
        _a.Blr(code);
        RestoreContext();
    }

    /// <summary>After a call that may have switched instances: our VM context and memory base again.</summary>
    private void RestoreContext()
    {
        _a.Mem(MemOp.LdrX, Vmctx, Fp, SavedVmctx);
        _a.Mem(MemOp.LdrX, MemBase, Vmctx, VMOffsets.VmctxMemoryBase);
    }

    public override void LoadIndirectCallee(Reg dst, Reg index, int table, int typeIndex, Label undefined, Label uninitialized, Label mismatch)
    {
        Island();
        using var s = Scratch();
        XReg elements = Tmp(s), expected = Tmp(s);
        TableElements(elements, index, table, undefined);
        _a.MemIndexed(MemOp.LdrX, X(dst), elements, X(index), IndexExtend.Uxtw, scaled: true);
        Cbz(false, RegWidth.X, X(dst), uninitialized);
        _a.Mem(MemOp.LdrX, expected, Vmctx, VMOffsets.VmctxTypeIds);
        IntAccess(MemOp.LdrW, expected, Addr.At(Int(expected), checked(typeIndex * 4)));
        _a.Mem(MemOp.LdrW, elements, X(dst), VMOffsets.FuncRefTypeId);
        _a.Cmp(RegWidth.W, expected, elements);
        BCond(Cond.Ne, mismatch);
    }

    public override void CallLibcall(LibcallId id, ReadOnlySpan<LibcallArg> args, Reg? result)
    {
        Island();
        var argRegs = Arm64Abi.IntegerArguments;
        if (args.Length > argRegs.Length) throw new InvalidOperationException("too many libcall arguments");
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var r = argRegs[i];
            switch (a.Kind)
            {
                case LibcallArgKind.Vmctx: _a.Mov(RegWidth.X, r, Vmctx); break;
                case LibcallArgKind.Imm: _a.MovImm(RegWidth.X, r, (ulong)a.Imm); break;
                default: IntAccess(Is64(a.Type) ? MemOp.LdrX : MemOp.LdrW, r, a.Addr); break;
            }
        }
        using var s = Scratch();
        var table = Tmp(s);
        _a.Mem(MemOp.LdrX, table, Vmctx, VMOffsets.VmctxLibcallTable);
        _a.Mem(MemOp.LdrX, table, table, (int)id * 8);
        _a.Blr(table);
        if (result is { } res && X(res) != XReg.X0) _a.Mov(RegWidth.W, X(res), XReg.X0);
    }
}
