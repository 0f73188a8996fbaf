using System.Runtime.CompilerServices;
using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>
/// The spec's validation algorithm for function bodies: an operand type stack and a control stack, advanced one
/// operator at a time. A compiler drives it with <see cref="Begin"/> and <see cref="Step"/> in the same walk that
/// generates code; <see cref="Validate"/> runs it alone. Buffers are reused across functions: validating does not
/// allocate per operator or per function once warm.
/// </summary>
public sealed class FunctionValidator
{
    /// <summary>Stands for a value of unknown type in unreachable code (the spec's "Unknown").</summary>
    internal const ValType Unknown = 0;

    private static readonly ValType[][] Singles = BuildSingles();

    private ValidationContext _ctx = null!;
    private ModuleInfo _module = null!;
    private ValType[] _vals = new ValType[64];
    private int _valCount;
    private int _maxValCount;
    private ControlFrame[] _ctrls = new ControlFrame[16];
    private int _ctrlCount;
    private ValType[] _locals = new ValType[64];
    private int _localCount;
    private FuncType _funcType = null!;
    private int _offset;

    /// <summary>The locals of the function being validated, parameters first.</summary>
    public ReadOnlySpan<ValType> Locals => _locals.AsSpan(0, _localCount);
    /// <summary>True once the function's final <c>end</c> has been validated.</summary>
    public bool Finished => _ctrlCount == 0;
    /// <summary>The most operands the function's stack held at once so far (the whole body's once finished): the
    /// compiler-independent height <see cref="Compilers.StackHeightCost"/> charges.</summary>
    public int MaxOperandHeight => _maxValCount;

    /// <summary>Validates one function body completely.</summary>
    public void Validate(ValidationContext ctx, uint funcIndex, FunctionBody body)
    {
        int codeOffset = Begin(ctx, funcIndex, body);
        var reader = new OperatorReader(ctx.Module.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset), codeOffset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            if (Finished) throw new MalformedModuleException("section size mismatch", reader.Offset);
            reader.Read(ref ins);
            Step(ref ins);
        }
        if (!Finished) throw new MalformedModuleException("END opcode expected", reader.Offset);
    }

    /// <summary>Reads the locals and opens the function frame; returns the module offset of the first operator.</summary>
    public int Begin(ValidationContext ctx, uint funcIndex, FunctionBody body)
    {
        _ctx = ctx;
        _module = ctx.Module;
        _funcType = _module.FunctionType(funcIndex);
        _localCount = LocalsReader.Read(_module.Bytes.AsSpan(body.Offset, body.Length), body.Offset,
            _funcType.Params, ref _locals, out int codeOffset);
        _valCount = 0;
        _maxValCount = 0;
        _ctrlCount = 0;
        PushCtrl(Opcode.Block, BlockType.Empty, _funcType);
        return codeOffset;
    }

    // ---- operand stack -------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValType t)
    {
        if (_valCount == _vals.Length) Array.Resize(ref _vals, _vals.Length * 2);
        _vals[_valCount++] = t;
        if (_valCount > _maxValCount) _maxValCount = _valCount;
    }

    private void Push(ReadOnlySpan<ValType> ts)
    {
        foreach (var t in ts) Push(t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop()
    {
        ref var top = ref _ctrls[_ctrlCount - 1];
        if (_valCount == top.Height)
        {
            if (top.Unreachable) return Unknown;
            throw Invalid("type mismatch");
        }
        return _vals[--_valCount];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop(ValType expected)
    {
        var actual = Pop();
        if (actual != expected && actual != Unknown && expected != Unknown) throw Invalid("type mismatch");
        return actual == Unknown ? expected : actual;
    }

    private void Pop(ReadOnlySpan<ValType> ts)
    {
        for (int i = ts.Length - 1; i >= 0; i--) Pop(ts[i]);
    }

    // ---- control stack -------------------------------------------------------------------------------------

    private void PushCtrl(Opcode kind, BlockType bt, FuncType? functionType = null)
    {
        if (_ctrlCount == _ctrls.Length) Array.Resize(ref _ctrls, _ctrls.Length * 2);
        _ctrls[_ctrlCount++] = new ControlFrame
        {
            Kind = kind, BlockType = bt, Height = _valCount, Unreachable = false, FunctionType = functionType,
        };
        Push(StartTypes(in _ctrls[_ctrlCount - 1]));
    }

    private ControlFrame PopCtrl()
    {
        if (_ctrlCount == 0) throw Invalid("type mismatch");
        ref var frame = ref _ctrls[_ctrlCount - 1];
        Pop(EndTypes(in frame));
        if (_valCount != frame.Height) throw Invalid("type mismatch");
        return _ctrls[--_ctrlCount];
    }

    private void SetUnreachable()
    {
        ref var top = ref _ctrls[_ctrlCount - 1];
        _valCount = top.Height;
        top.Unreachable = true;
    }

    private ReadOnlySpan<ValType> StartTypes(in ControlFrame f)
    {
        if (f.FunctionType is not null) return default;
        return f.BlockType.Kind == BlockType.Kinds.TypeIndex ? _module.Types[(int)f.BlockType.TypeIndex].Params : default;
    }

    private ReadOnlySpan<ValType> EndTypes(in ControlFrame f)
    {
        if (f.FunctionType is { } ft) return ft.Results;
        return f.BlockType.Kind switch
        {
            BlockType.Kinds.Value => Singles[(int)f.BlockType.ValType],
            BlockType.Kinds.TypeIndex => _module.Types[(int)f.BlockType.TypeIndex].Results,
            _ => default,
        };
    }

    private ReadOnlySpan<ValType> LabelTypes(in ControlFrame f) => f.Kind == Opcode.Loop ? StartTypes(f) : EndTypes(f);

    private ref ControlFrame Label(uint depth)
    {
        if (depth >= (uint)_ctrlCount) throw Invalid("unknown label");
        return ref _ctrls[_ctrlCount - 1 - (int)depth];
    }

    private BlockType CheckBlockType(BlockType bt)
    {
        if (bt.Kind == BlockType.Kinds.TypeIndex && bt.TypeIndex >= (uint)_module.Types.Count) throw Invalid("unknown type");
        return bt;
    }

    private InvalidModuleException Invalid(string reason) => new(reason, _offset);

    // ---- operators -----------------------------------------------------------------------------------------

    /// <summary>Validates one operator.</summary>
    public void Step(ref Instruction ins)
    {
        _offset = ins.Offset;
        if (_ctrlCount == 0) throw new MalformedModuleException("section size mismatch", ins.Offset);
        ref readonly var sig = ref OpcodeTable.SignatureOf(ins.Opcode);
        if (sig.IsPlain)
        {
            StepPlain(in sig, ref ins);
            return;
        }
        StepSpecial(ref ins);
    }

    private void StepPlain(in OpcodeTable.Signature sig, ref Instruction ins)
    {
        int align = OpcodeTable.AlignmentOf(ins.Opcode);
        if (align >= 0) CheckMemArg(ref ins, align);
        else if (OpcodeTable.Immediate(ins.Opcode) == ImmediateKind.Lane) CheckLane(ins.Lane, LaneCount(ins.Opcode));
        else if (ins.Opcode == Opcode.I8x16Shuffle) CheckShuffle(ref ins);
        else if (ins.Opcode is Opcode.MemorySize or Opcode.MemoryGrow) CheckMemory(0);
        for (int i = sig.ParamCount - 1; i >= 0; i--) Pop(sig.Param(i));
        if (sig.Result != 0) Push(sig.Result);
    }

    private void StepSpecial(ref Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.Unreachable: SetUnreachable(); break;
            case Opcode.Block:
            case Opcode.Loop:
            {
                var bt = CheckBlockType(ins.BlockType);
                PopBlockParams(bt);
                PushCtrl(ins.Opcode, bt);
                break;
            }
            case Opcode.If:
            {
                var bt = CheckBlockType(ins.BlockType);
                Pop(ValType.I32);
                PopBlockParams(bt);
                PushCtrl(Opcode.If, bt);
                break;
            }
            case Opcode.Else:
            {
                var frame = PopCtrl();
                if (frame.Kind != Opcode.If) throw Invalid("else without matching if");
                PushCtrl(Opcode.Else, frame.BlockType);
                break;
            }
            case Opcode.End: End(); break;
            case Opcode.Br:
                Pop(LabelTypes(in Label(ins.Index)));
                SetUnreachable();
                break;
            case Opcode.BrIf:
            {
                Pop(ValType.I32);
                var types = LabelTypes(in Label(ins.Index));
                Pop(types);
                Push(types);
                break;
            }
            case Opcode.BrTable: BrTable(ref ins); break;
            case Opcode.Return:
                Pop(_funcType.Results);
                SetUnreachable();
                break;
            case Opcode.Call:
            {
                var ft = FunctionType(ins.Index);
                Pop(ft.Params);
                Push(ft.Results);
                break;
            }
            case Opcode.CallIndirect:
            {
                if (TableType(ins.Index2).ElemType != ValType.FuncRef) throw Invalid("type mismatch");
                if (ins.Index >= (uint)_module.Types.Count) throw Invalid("unknown type");
                var ft = _module.Types[(int)ins.Index];
                Pop(ValType.I32);
                Pop(ft.Params);
                Push(ft.Results);
                break;
            }
            case Opcode.Drop: Pop(); break;
            case Opcode.Select: Select(); break;
            case Opcode.SelectT:
            {
                if (ins.Index != 1) throw Invalid("invalid result arity");
                Pop(ValType.I32);
                Pop(ins.Type);
                Pop(ins.Type);
                Push(ins.Type);
                break;
            }
            case Opcode.LocalGet: Push(Local(ins.Index)); break;
            case Opcode.LocalSet: Pop(Local(ins.Index)); break;
            case Opcode.LocalTee:
            {
                var t = Local(ins.Index);
                Pop(t);
                Push(t);
                break;
            }
            case Opcode.GlobalGet: Push(Global(ins.Index).ValType); break;
            case Opcode.GlobalSet:
            {
                var g = Global(ins.Index);
                if (!g.Mutable) throw Invalid("global is immutable");
                Pop(g.ValType);
                break;
            }
            default: StepTableAndMemory(ref ins); break;
        }
    }

    private void StepTableAndMemory(ref Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.TableGet:
                Pop(ValType.I32);
                Push(TableType(ins.Index).ElemType);
                break;
            case Opcode.TableSet:
                Pop(TableType(ins.Index).ElemType);
                Pop(ValType.I32);
                break;
            case Opcode.TableSize:
                TableType(ins.Index);
                Push(ValType.I32);
                break;
            case Opcode.TableGrow:
                Pop(ValType.I32);
                Pop(TableType(ins.Index).ElemType);
                Push(ValType.I32);
                break;
            case Opcode.TableFill:
                Pop(ValType.I32);
                Pop(TableType(ins.Index).ElemType);
                Pop(ValType.I32);
                break;
            case Opcode.TableCopy:
                if (TableType(ins.Index).ElemType != TableType(ins.Index2).ElemType) throw Invalid("type mismatch");
                PopI32s(3);
                break;
            case Opcode.TableInit:
                if (TableType(ins.Index2).ElemType != Elem(ins.Index).ElemType) throw Invalid("type mismatch");
                PopI32s(3);
                break;
            case Opcode.ElemDrop: Elem(ins.Index); break;
            case Opcode.MemoryInit:
                CheckMemory(0);
                CheckData(ins.Index);
                PopI32s(3);
                break;
            case Opcode.DataDrop: CheckData(ins.Index); break;
            case Opcode.MemoryCopy:
            case Opcode.MemoryFill:
                CheckMemory(0);
                PopI32s(3);
                break;
            case Opcode.RefNull: Push(ins.Type); break;
            case Opcode.RefIsNull:
            {
                var t = Pop();
                if (t != Unknown && !t.IsRef()) throw Invalid("type mismatch");
                Push(ValType.I32);
                break;
            }
            case Opcode.RefFunc:
                FunctionType(ins.Index);
                if (!_ctx.DeclaredRefs.Contains(ins.Index)) throw Invalid("undeclared function reference");
                Push(ValType.FuncRef);
                break;
            default:
                throw new InvalidOperationException($"validator has no rule for {OpcodeTable.Name(ins.Opcode)}");
        }
    }

    private void PopI32s(int n)
    {
        for (int i = 0; i < n; i++) Pop(ValType.I32);
    }

    private void PopBlockParams(BlockType bt)
    {
        if (bt.Kind == BlockType.Kinds.TypeIndex) Pop(_module.Types[(int)bt.TypeIndex].Params);
    }

    private void End()
    {
        var frame = PopCtrl();
        // an if without else behaves as if its else passed its parameters through unchanged
        if (frame.Kind == Opcode.If && !StartTypes(frame).SequenceEqual(EndTypes(frame))) throw Invalid("type mismatch");
        Push(EndTypes(frame));
    }

    private void BrTable(ref Instruction ins)
    {
        Pop(ValType.I32);
        var targets = ins.BrTableTargets;
        // the default target is the last one; its arity fixes everyone's
        uint defaultLabel = 0;
        var scan = ins.BrTableTargets;
        while (scan.Next(out uint l)) defaultLabel = l;
        int arity = LabelTypes(in Label(defaultLabel)).Length;
        for (int i = 0; i < (int)ins.Index; i++)
        {
            targets.Next(out uint label);
            var types = LabelTypes(in Label(label));
            if (types.Length != arity) throw Invalid("type mismatch");
            PopPushKeepingUnknown(types);
        }
        Pop(LabelTypes(in Label(defaultLabel)));
        SetUnreachable();
    }

    /// <summary>Checks that the top of the stack fits <paramref name="types"/> without changing it (the spec's
    /// <c>push_vals(pop_vals(types))</c>, which keeps Unknown entries unknown).</summary>
    private void PopPushKeepingUnknown(ReadOnlySpan<ValType> types)
    {
        Span<ValType> popped = types.Length <= 16 ? stackalloc ValType[types.Length] : new ValType[types.Length];
        for (int i = types.Length - 1; i >= 0; i--)
        {
            var actual = Pop();
            if (actual != types[i] && actual != Unknown) throw Invalid("type mismatch");
            popped[i] = actual;
        }
        Push(popped);
    }

    private void Select()
    {
        Pop(ValType.I32);
        var t1 = Pop();
        var t2 = Pop();
        if (t1.IsRef() || t2.IsRef()) throw Invalid("type mismatch");
        if (t1 != t2 && t1 != Unknown && t2 != Unknown) throw Invalid("type mismatch");
        Push(t1 == Unknown ? t2 : t1);
    }

    // ---- index spaces --------------------------------------------------------------------------------------

    private ValType Local(uint i) => i < (uint)_localCount ? _locals[i] : throw Invalid($"unknown local {i}");

    private GlobalType Global(uint i) => i < (uint)_module.Globals.Count ? _module.Globals[(int)i] : throw Invalid($"unknown global {i}");

    private FuncType FunctionType(uint i) =>
        i < (uint)_module.Functions.Count ? _module.FunctionType(i) : throw Invalid($"unknown function {i}");

    private TableType TableType(uint i) => i < (uint)_module.Tables.Count ? _module.Tables[(int)i] : throw Invalid($"unknown table {i}");

    private ElementSegment Elem(uint i) =>
        i < (uint)_module.Elements.Count ? _module.Elements[(int)i] : throw Invalid($"unknown elem segment {i}");

    private void CheckMemory(uint i)
    {
        if (i >= (uint)_module.Memories.Count) throw Invalid($"unknown memory {i}");
    }

    private void CheckData(uint i)
    {
        if (BodyDecoder.NeedsDataCount(_module)) throw new MalformedModuleException("data count section required", _offset);
        if (i >= (_module.DataCount ?? 0)) throw Invalid($"unknown data segment {i}");
    }

    private void CheckMemArg(ref Instruction ins, int naturalAlign)
    {
        CheckMemory(0);
        if (ins.Align > (uint)naturalAlign) throw Invalid("alignment must not be larger than natural");
        if (OpcodeTable.Immediate(ins.Opcode) == ImmediateKind.MemArgLane) CheckLane(ins.Lane, 16 >> naturalAlign);
    }

    private void CheckLane(byte lane, int count)
    {
        if (lane >= count) throw Invalid("invalid lane index");
    }

    private void CheckShuffle(ref Instruction ins)
    {
        for (int k = 0; k < 8; k++)
        {
            if ((byte)(ins.Value >> (k * 8)) >= 32 || (byte)(ins.Value2 >> (k * 8)) >= 32) throw Invalid("invalid lane index");
        }
    }

    /// <summary>Lanes of the vector shape named by an extract/replace_lane opcode.</summary>
    private static int LaneCount(Opcode op) => OpcodeTable.Name(op).AsSpan(0, 5) switch
    {
        "i8x16" => 16,
        "i16x8" => 8,
        "i32x4" or "f32x4" => 4,
        _ => 2,
    };

    private static ValType[][] BuildSingles()
    {
        var s = new ValType[256][];
        for (int i = 0; i < 256; i++) s[i] = [(ValType)i];
        return s;
    }
}
