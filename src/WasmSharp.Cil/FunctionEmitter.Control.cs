using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Structured control: blocks, loops, ifs, branches, return.
internal sealed partial class FunctionEmitter
{
    private ControlFrame NewFrame(Opcode kind, ValType[] ps, ValType[] rs)
    {
        var f = new ControlFrame { Kind = kind, Params = ps, Results = rs, Live = true, Label = _il.DefineLabel() };
        f.Height = _stack.Count - ps.Length;
        var carried = f.BranchTypes;
        f.Locals = new LocalBuilder[carried.Length];
        for (int i = 0; i < carried.Length; i++) f.Locals[i] = Temp(carried[i], LabelSlot(_frames.Count, i));
        return f;
    }

    /// <summary>Frames at the same depth are never live together, so they share their label locals (fewer locals
    /// for RyuJIT, and no running out of CIL's 65535).</summary>
    private static int LabelSlot(int depth, int index) => 1 << 20 | depth << 8 | index;

    private (ValType[] Params, ValType[] Results) Resolve(BlockType bt) => bt.Kind switch
    {
        BlockType.Kinds.Empty => ([], []),
        BlockType.Kinds.Value => ([], [bt.ValType]),
        _ => (_ctx.Module.Types[(int)bt.TypeIndex].Params, _ctx.Module.Types[(int)bt.TypeIndex].Results),
    };

    private ControlFrame Frame(uint depth) => _frames[_frames.Count - 1 - (int)depth];

    /// <summary>Skipped code still opens and closes frames, and an else or end can make code live again.</summary>
    private void EmitDead(ref Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                _frames.Add(new ControlFrame { Kind = ins.Opcode, Params = [], Results = [], Live = false });
                break;
            case Opcode.Else:
                if (_frames[^1].Live) EmitElse();
                break;
            case Opcode.End:
                if (_frames[^1].Live) EmitEnd();
                else _frames.RemoveAt(_frames.Count - 1);
                break;
        }
    }

    private void EmitBlock(BlockType bt)
    {
        var (ps, rs) = Resolve(bt);
        _frames.Add(NewFrame(Opcode.Block, ps, rs));
    }

    /// <summary>The parameters go through the loop's locals so that the head's CIL stack is the one below the loop.</summary>
    private void EmitLoop(BlockType bt)
    {
        var (ps, rs) = Resolve(bt);
        var f = NewFrame(Opcode.Loop, ps, rs);
        _frames.Add(f);
        StoreTop(f.Locals);
        _il.MarkLabel(f.Label);
        if (_ctx.Engine.Config.InterruptibleLoops && !LoopAlwaysCalls(_nextOffset)) EmitStackCheck(f.Height, StackCheck.LoopHeader);
        LoadAll(f.Locals);
    }

    /// <summary>Module offset of the operator after the current one, and of the start and end of the body's
    /// operators.</summary>
    private int _nextOffset, _codeStart, _codeEnd;

    /// <summary>How far <see cref="LoopAlwaysCalls"/> looks: a bound keeps compilation linear in nested loops.</summary>
    private const int LoopScanLimit = 64;

    /// <summary>
    /// Whether every iteration of the loop whose body starts at module offset <paramref name="start"/> makes a call
    /// that stays a call in RyuJIT's code before it can branch anywhere: the stack check after such a call (<see
    /// cref="EmitUnwindCheck"/>) sees an interrupt, so the loop header needs none of its own (fib's and tak's loops:
    /// one check fewer per iteration). Only calls RyuJIT cannot inline count (<see cref="NeverInlined"/>): an inlined
    /// call leaves no call, and its checks, not volatile, could be hoisted out of the loop. Looks at the first
    /// <see cref="LoopScanLimit"/> operators: straight-line code, entering nested blocks and loops (their bodies
    /// start unconditionally); any branch, <c>if</c>, or the end of the loop first means no.
    /// </summary>
    private bool LoopAlwaysCalls(int start)
    {
        var reader = new OperatorReader(_ctx.Module.Bytes.AsSpan(start, _codeEnd - start), start);
        var ins = new Instruction();
        int depth = 0;
        for (int n = 0; n < LoopScanLimit && !reader.AtEnd; n++)
        {
            reader.Read(ref ins);
            switch (ins.Opcode)
            {
                case Opcode.CallIndirect: return true;
                case Opcode.Call:
                    if (NeverInlined(ins.Index)) return true;
                    break;
                case Opcode.Block or Opcode.Loop: depth++; break;
                case Opcode.End:
                    if (depth-- == 0) return false;
                    break;
                case Opcode.Nop: break;
                case <= Opcode.CallIndirect: return false; // unreachable, if, else, br, br_if, br_table, return
            }
        }
        return false;
    }

    /// <summary>Whether a call to <paramref name="funcIndex"/> is never inlined by RyuJIT: a <c>calli</c> (imports,
    /// lazily compiled modules) or a call of the function itself (RyuJIT does not inline recursion).</summary>
    private bool NeverInlined(uint funcIndex) =>
        _ctx.Methods is null || funcIndex < _ctx.ImportedFunctions || funcIndex == _ctx.ImportedFunctions + _definedIndex;

    private void EmitIf(BlockType bt)
    {
        Pop();
        var (ps, rs) = Resolve(bt);
        var f = NewFrame(Opcode.If, ps, rs);
        f.Else = _il.DefineLabel();
        _frames.Add(f);
        _il.Emit(OpCodes.Brfalse, f.Else);
    }

    private void EmitElse()
    {
        var f = _frames[^1];
        if (!_unreachable)
        {
            StoreTop(f.Locals);
            _il.Emit(OpCodes.Br, f.Label);
            f.Targeted = true;
        }
        _il.MarkLabel(f.Else);
        f.HasElse = true;
        ResetStack(f, f.Params);
    }

    private void ResetStack(ControlFrame f, ValType[] top)
    {
        _stack.RemoveRange(f.Height, _stack.Count - f.Height);
        _stack.AddRange(top);
        _unreachable = false;
    }

    private void EmitEnd()
    {
        var f = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (f.IsFunction) { EmitFunctionEnd(f); return; }
        if (f.Kind == Opcode.Loop) return; // fallthrough keeps the results on the stack; unreachable stays so
        bool elseArm = f.Kind == Opcode.If && !f.HasElse;
        if (!f.Targeted && !elseArm) return; // only the fallthrough (if any) reaches the end: the stack is right
        if (!_unreachable)
        {
            StoreTop(f.Locals);
            if (elseArm) _il.Emit(OpCodes.Br, f.Label);
        }
        if (elseArm)
        {
            // the missing else passes the parameters through as results
            _il.MarkLabel(f.Else);
            StoreTop(f.Locals);
        }
        _il.MarkLabel(f.Label);
        LoadAll(f.Locals);
        ResetStack(f, f.Results);
    }

    private void EmitFunctionEnd(ControlFrame f)
    {
        if (!_unreachable) StoreTop(f.Locals);
        else if (!f.Targeted) return;
        _il.MarkLabel(f.Label);
        EmitStackHeightRefund();
        EmitFuelFlush();
        if (ClrTypes.HasResultArea(_type))
        {
            // results go to the caller's area
            short area = (short)(_type.Params.Length + 1);
            for (int i = 0; i < f.Locals.Length; i++)
            {
                _il.Emit(OpCodes.Ldarg, area);
                _il.Emit(OpCodes.Ldc_I4, ClrTypes.ResultOffset(_type, i));
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Ldloc, f.Locals[i]);
                ClrTypes.EmitStore(_il, _type.Results[i]);
            }
        }
        else LoadAll(f.Locals);
        _il.Emit(OpCodes.Ret);
        _unreachable = true;
    }

    /// <summary>A branch that needs no stack work: no values to carry and nothing to drop.</summary>
    private bool IsPlainBranch(ControlFrame f) => f.BranchTypes.Length == 0 && _stack.Count == f.Height;

    /// <summary>Branches to the frame at <paramref name="depth"/>: its values to its locals, the rest dropped.</summary>
    private void EmitBranch(uint depth)
    {
        var f = Frame(depth);
        f.Targeted = true;
        StoreTop(f.Locals);
        int excess = _stack.Count - f.BranchTypes.Length - f.Height;
        for (int i = 0; i < excess; i++) _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Br, f.Label);
    }

    private void EmitBr(uint depth)
    {
        EmitBranch(depth);
        _unreachable = true;
    }

    private void EmitBrIf(uint depth)
    {
        Pop();
        var f = Frame(depth);
        if (IsPlainBranch(f))
        {
            f.Targeted = true;
            _il.Emit(OpCodes.Brtrue, f.Label);
            return;
        }
        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        EmitBranch(depth);
        _il.MarkLabel(skip);
    }

    private void EmitBrTable(BrTableTargets targets)
    {
        Pop();
        var depths = new uint[targets.Count];
        for (int i = 0; targets.Next(out uint d); i++) depths[i] = d;
        // one stub per distinct target that needs stack work; plain targets are jumped to directly
        var stubs = new Dictionary<uint, Label>();
        var labels = new Label[depths.Length - 1];
        for (int i = 0; i < labels.Length; i++) labels[i] = TableLabel(depths[i], stubs);
        _il.Emit(OpCodes.Switch, labels);
        EmitBranch(depths[^1]);
        foreach (var (depth, label) in stubs)
        {
            _il.MarkLabel(label);
            EmitBranch(depth);
        }
        _unreachable = true;
    }

    private Label TableLabel(uint depth, Dictionary<uint, Label> stubs)
    {
        var f = Frame(depth);
        if (IsPlainBranch(f))
        {
            f.Targeted = true;
            return f.Label;
        }
        if (!stubs.TryGetValue(depth, out var l)) stubs[depth] = l = _il.DefineLabel();
        return l;
    }

    private void EmitReturn() => EmitBr((uint)_frames.Count - 1);

    private void EmitUnreachable()
    {
        EmitThrow(TrapKind.Unreachable);
        _unreachable = true;
    }

    private void EmitSelect()
    {
        Pop();
        var t = Pop();
        var cond = Temp(ValType.I32, 0);
        var second = Temp(t, 1);
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Stloc, cond);
        _il.Emit(OpCodes.Stloc, second);
        _il.Emit(OpCodes.Ldloc, cond);
        _il.Emit(OpCodes.Brtrue, done);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, second);
        _il.MarkLabel(done);
    }
}
