using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// Blocks, branches, calls and returns.
internal sealed partial class FunctionCompiler
{
    private ref GenFrame Top => ref _frames[_frameCount - 1];

    private void PushFrame(Opcode kind, BlockType bt, int paramCount, int resultCount)
    {
        if (_frameCount == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_frameCount++] = new GenFrame
        {
            Kind = kind, BlockType = bt, Height = _count - paramCount, ParamCount = paramCount, ResultCount = resultCount,
            Target = _masm.CreateLabel(),
        };
    }

    private ReadOnlySpan<ValType> Params(BlockType bt) =>
        bt.Kind == BlockType.Kinds.TypeIndex ? _module.Types[(int)bt.TypeIndex].Params : default;

    private static readonly ValType[][] Singles = BuildSingles();

    // A loop, not LINQ: generic virtual calls in a static constructor make the NativeAOT library's type loader build
    // code in native memory it never frees (valgrind in CProgramTests reports it).
    private static ValType[][] BuildSingles()
    {
        var singles = new ValType[256][];
        for (int i = 0; i < singles.Length; i++) singles[i] = [(ValType)i];
        return singles;
    }

    /// <summary>Result types of a block (never the function frame: branches to it are returns).</summary>
    private ReadOnlySpan<ValType> Results(in GenFrame f) => f.BlockType.Kind switch
    {
        BlockType.Kinds.Value => Singles[(int)f.BlockType.ValType],
        BlockType.Kinds.TypeIndex => _module.Types[(int)f.BlockType.TypeIndex].Results,
        _ => default,
    };

    private static int ResultCount(ModuleInfo m, BlockType bt) => bt.Kind switch
    {
        BlockType.Kinds.Value => 1,
        BlockType.Kinds.TypeIndex => m.Types[(int)bt.TypeIndex].Results.Length,
        _ => 0,
    };

    /// <summary>After br, return or unreachable: nothing until the end (or else) of this block runs.</summary>
    private void SetUnreachable()
    {
        ref var f = ref Top;
        Truncate(f.Height);
        f.Unreachable = true;
    }

    /// <summary>Operators in dead code are validated but not compiled; only nesting is tracked.</summary>
    private bool SkipDead(ref Instruction ins)
    {
        if (!Top.Unreachable) return false;
        switch (ins.Opcode)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                _deadNesting++;
                return true;
            case Opcode.End when _deadNesting > 0:
                _deadNesting--;
                return true;
            case Opcode.Else when _deadNesting > 0:
                return true;
            case Opcode.End or Opcode.Else:
                return false;
            default:
                return true;
        }
    }

    private void Block(ref Instruction ins)
    {
        SpillAll();
        var bt = ins.BlockType;
        MaterializeTop(Params(bt).Length);
        PushFrame(ins.Opcode, bt, Params(bt).Length, ResultCount(_module, bt));
        if (ins.Opcode == Opcode.Loop)
        {
            _masm.Bind(Top.Target);
            JoinLocals();
            if (_loopChecks) _masm.LoopCheck(_traps[TrapKind.CallStackExhausted]);
        }
    }

    private void If(ref Instruction ins)
    {
        var cond = PopCondition();
        SpillAll();
        var bt = ins.BlockType;
        var ps = Params(bt);
        MaterializeTop(ps.Length);
        PushFrame(Opcode.If, bt, ps.Length, ResultCount(_module, bt));
        ref var f = ref Top;
        f.Else = _masm.CreateLabel();
        BranchOn(cond, false, f.Else);
        FreeCondition(cond);
        // the then-branch works on copies, so the else-branch still finds the parameters in their slots
        for (int i = 0; i < ps.Length; i++)
        {
            var r = Alloc(ClassOf(ps[i]));
            _masm.Load(ps[i], r, SlotAddr(f.Height + i));
            PushReg(ps[i], r);
        }
    }

    private void Else()
    {
        ref var f = ref Top;
        if (!f.Unreachable)
        {
            EmitMerge(f.Height, f.ResultCount);
            _masm.Jump(f.Target);
        }
        f.HasElse = true;
        f.Unreachable = false;
        _masm.Bind(f.Else);
        JoinLocals();
        Truncate(f.Height);
        foreach (var t in Params(f.BlockType)) Push(StackValue.InSlot(t));
    }

    private void End()
    {
        ref var f = ref Top;
        if (_frameCount == 1)
        {
            if (!f.Unreachable) Return();
            _frameCount--;
            return;
        }
        if (!f.Unreachable) EmitMerge(f.Height, f.ResultCount);
        if (f.Kind == Opcode.If && !f.HasElse) _masm.Bind(f.Else);
        if (f.Kind != Opcode.Loop) _masm.Bind(f.Target);
        JoinLocals();
        var results = Results(f);
        PushSlots(f.Height, results);
        _frameCount--;
    }

    private void Br(uint depth)
    {
        ref var f = ref _frames[_frameCount - 1 - (int)depth];
        if (depth == (uint)_frameCount - 1)
        {
            Return();
            return;
        }
        EmitMerge(f.Height, f.LabelArity);
        _masm.Jump(f.Target);
        SetUnreachable();
    }

    private void BrIf(uint depth)
    {
        // no register is allocated below, so the condition's registers can be released now
        var cond = PopCondition();
        FreeCondition(cond);
        ref var f = ref _frames[_frameCount - 1 - (int)depth];
        if (depth == (uint)_frameCount - 1)
        {
            var skip = _masm.CreateLabel();
            BranchOn(cond, false, skip);
            EmitReturn();
            _masm.Bind(skip);
            return;
        }
        int n = f.LabelArity;
        if (InPlace(f.Height, n))
        {
            BranchOn(cond, true, f.Target);
            return;
        }
        var notTaken = _masm.CreateLabel();
        BranchOn(cond, false, notTaken);
        EmitMerge(f.Height, n);
        _masm.Jump(f.Target);
        _masm.Bind(notTaken);
    }

    private void BrTable(ref Instruction ins)
    {
        var index = PopToReg();
        Free(index);
        int count = (int)ins.Index;
        var labels = count <= 64 ? stackalloc Label[count + 1] : new Label[count + 1];
        _brTableStamp++;
        _brTableStubs.Clear();
        if (_depthStamps.Length < _frameCount)
        {
            _depthStamps = new int[_frameCount * 2];
            _depthLabels = new Label[_frameCount * 2];
        }
        var targets = ins.BrTableTargets;
        for (int i = 0; i <= count; i++)
        {
            targets.Next(out uint depth);
            labels[i] = BranchLabel(depth);
        }
        _masm.JumpTable(index, labels[..count], labels[count]);
        foreach (var (stub, depth) in _brTableStubs)
        {
            _masm.Bind(stub);
            if (depth == (uint)_frameCount - 1) EmitReturn();
            else
            {
                ref var f = ref _frames[_frameCount - 1 - (int)depth];
                EmitMerge(f.Height, f.LabelArity);
                _masm.Jump(f.Target);
            }
        }
        SetUnreachable();
    }

    private readonly List<(Label Stub, uint Depth)> _brTableStubs = new();
    private int[] _depthStamps = new int[16];
    private Label[] _depthLabels = new Label[16];
    private int _brTableStamp;

    /// <summary>The label a table branch jumps to: the target itself when no values move, else a stub that moves
    /// them. Decided once per distinct depth (stamped per br_table), so a table costs O(targets).</summary>
    private Label BranchLabel(uint depth)
    {
        if (_depthStamps[depth] == _brTableStamp) return _depthLabels[depth];
        _depthStamps[depth] = _brTableStamp;
        bool isReturn = depth == (uint)_frameCount - 1;
        Label label;
        if (!isReturn && InPlace(_frames[_frameCount - 1 - (int)depth].Height, _frames[_frameCount - 1 - (int)depth].LabelArity))
            label = _frames[_frameCount - 1 - (int)depth].Target;
        else
        {
            label = _masm.CreateLabel();
            _brTableStubs.Add((label, depth));
        }
        _depthLabels[depth] = label;
        return label;
    }

    private void Return()
    {
        EmitReturn();
        SetUnreachable();
    }

    /// <summary>Writes the results into the caller's area and returns (state unchanged: may be on a branch path).</summary>
    private void EmitReturn()
    {
        var rs = _type.Results;
        int offset = _masm.IncomingAreaOffset;
        for (int i = 0; i < rs.Length; i++)
        {
            var v = _stack[_count - rs.Length + i];
            var dst = Addr.Frame(offset);
            switch (v.Kind)
            {
                case ValueKind.Reg: _masm.Store(v.Type, dst, v.Reg); break;
                case ValueKind.Const: _masm.StoreImm(v.Type, dst, v.Bits); break;
                default: _masm.Copy(v.Type, dst, SlotAddr(_count - rs.Length + i)); break;
            }
            offset += ValueLayout.SlotSize(rs[i]);
        }
        if (_deterministic) _masm.RefundStackHeight(_stackCost);
        _masm.Epilogue();
    }

    // ---- calls --------------------------------------------------------------------------------------------

    /// <summary>Moves the arguments into the outgoing area at the bottom of the frame.</summary>
    /// <summary>Spills what stays on the stack across the call, then moves the arguments straight from where they
    /// are into the outgoing area at the bottom of the frame.</summary>
    private void PassArguments(FuncType type)
    {
        var ps = type.Params;
        for (int i = _firstReg; i < _count - ps.Length; i++) Spill(i);
        _firstReg = Math.Max(_firstReg, _count - ps.Length);
        _maxOutgoing = Math.Max(_maxOutgoing, ValueLayout.AreaSize(type));
        int offset = ValueLayout.Size(ps);
        for (int i = ps.Length - 1; i >= 0; i--)
        {
            offset -= ValueLayout.SlotSize(ps[i]);
            var v = Pop();
            var dst = Addr.Stack(offset);
            switch (v.Kind)
            {
                case ValueKind.Const: _masm.StoreImm(v.Type, dst, v.Bits); break;
                case ValueKind.Reg:
                    _masm.Store(v.Type, dst, v.Reg);
                    Free(v.Reg);
                    break;
                default: _masm.Copy(v.Type, dst, SlotAddr(_count)); break;
            }
        }
    }

    /// <summary>After a call every register is free; the results are loaded from the outgoing area.</summary>
    private void TakeResults(FuncType type)
    {
        _usedRegs = _pinnedRegs;
        ReloadLocals();
        int offset = 0;
        foreach (var t in type.Results)
        {
            var r = Alloc(ClassOf(t));
            _masm.Load(t, r, Addr.Stack(offset));
            PushReg(t, r);
            offset += ValueLayout.SlotSize(t);
        }
    }

    private void Call(uint funcIndex)
    {
        var type = _module.FunctionType(funcIndex);
        CheckSignature(type);
        SaveLocals();
        PassArguments(type);
        if (funcIndex < (uint)_module.ImportedFunctionCount)
        {
            var r = Alloc(RegClass.Int);
            _masm.FunctionRef(r, (int)funcIndex);
            _traps.MarkSite();
            _masm.CallFuncRef(r);
        }
        else
        {
            _traps.MarkSite();
            CallFixups.Add((_masm.CallDirect(), funcIndex));
        }
        TakeResults(type);
    }

    private void CallIndirect(uint typeIndex, uint table)
    {
        var type = _module.Types[(int)typeIndex];
        CheckSignature(type);
        SaveLocals();
        var index = PopToReg();
        PassArguments(type);
        var callee = index;
        _masm.LoadIndirectCallee(callee, index, (int)table, (int)typeIndex,
            _traps[TrapKind.UndefinedElement], _traps[TrapKind.UninitializedElement], _traps[TrapKind.IndirectCallTypeMismatch]);
        _masm.CallFuncRef(callee);
        TakeResults(type);
    }

    private void CheckSignature(FuncType type)
    {
        if (_masm.SupportsSimd) return;
        foreach (var t in type.Params) if (t == ValType.V128) throw Simd();
        foreach (var t in type.Results) if (t == ValType.V128) throw Simd();
    }

    /// <summary>Calls a runtime function on the top <paramref name="argCount"/> values (after the VM context and
    /// <paramref name="immediates"/>); pushes its i32 result or traps on a non-zero status.</summary>
    private void Libcall(LibcallId id, int argCount, ReadOnlySpan<long> immediates, bool returnsValue, bool returnsStatus)
    {
        SpillAll();
        SaveLocals();
        Span<LibcallArg> args = stackalloc LibcallArg[1 + immediates.Length + argCount];
        args[0] = LibcallArg.Vmctx;
        for (int i = 0; i < immediates.Length; i++) args[1 + i] = LibcallArg.Immediate(immediates[i]);
        for (int i = 0; i < argCount; i++)
        {
            int pos = _count - argCount + i;
            var v = _stack[pos];
            args[1 + immediates.Length + i] = v.Kind == ValueKind.Const
                ? LibcallArg.Immediate(v.Type == ValType.I32 ? (uint)v.Bits : (long)v.Bits)
                : LibcallArg.Slot(SlotAddr(pos), v.Type);
        }
        _count -= argCount;
        _usedRegs = _pinnedRegs;
        var status = StatusReg;
        Take(status);
        _traps.MarkSite();
        SaveFuel();
        _masm.CallLibcall(id, args, status);
        ReloadFuel();
        if (returnsStatus) _masm.TrapIfStatus(status, _traps.StatusTrap);
        ReloadLocals();
        if (returnsValue) PushReg(ValType.I32, status);
        else Free(status);
    }
}
