using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Validation;

namespace WasmSharp.Singlepass.CodeGen;

/// <summary>
/// The one-pass code generator: walks a function's operators once, validating each and emitting code through a
/// <see cref="MacroAssembler"/>. Values stay in registers within straight-line code; at block boundaries, calls and
/// branches they go to fixed per-position frame slots, so every path into a label agrees on where values are.
/// Work per operator is bounded (a br_table costs its target count), so compile time is linear in the input.
/// All buffers are reused across functions.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Bytes per operand-stack slot: 16 where the ISA implements SIMD, so a slot holds any value.</summary>
    private readonly int SlotSize;

    private readonly MacroAssembler _masm;
    private readonly FunctionValidator _validator = new();
    private StackValue[] _stack = new StackValue[64];
    private int _count;
    private GenFrame[] _frames = new GenFrame[16];
    private int _frameCount;
    private readonly Dictionary<int, Reg> _unused = new();
    private ulong _usedRegs;
    private int _maxDepth;
    /// <summary>No stack entry below this position holds a register: spilling scans only from here, which keeps
    /// spill work linear overall (each entry is passed over once between spills).</summary>
    private int _firstReg;
    private int _maxOutgoing;
    private int _deadNesting;

    private ModuleInfo _module = null!;
    private ValidationContext _ctx = null!;
    private FuncType _type = null!;
    private int _localBase;
    private int _slotBase;
    private int[] _paramOffsets = new int[16];
    private readonly TrapLabelSet _traps;

    /// <summary>Direct calls to patch once every function's offset is known: (patch position, callee function index).</summary>
    public List<(int Position, uint Callee)> CallFixups { get; } = new();

    /// <summary>The call and trap sites of every function compiled so far, for backtraces.</summary>
    public OffsetMapWriter OffsetMap { get; } = new();

    private readonly bool _loopChecks;

    public FunctionCompiler(MacroAssembler masm, bool loopChecks = true, FuelCosts? fuelCosts = null, bool deterministic = false)
    {
        _masm = masm;
        SlotSize = masm.SupportsSimd ? 16 : 8;
        _deterministic = deterministic;
        _loopChecks = loopChecks;
        _fuelCosts = fuelCosts;
        if (fuelCosts is not null) masm.PinFuelRegister();
        _traps = new TrapLabelSet(masm, OffsetMap);
    }

    /// <summary>Validates and compiles one function body at the buffer's current position.</summary>
    public void Compile(ValidationContext ctx, uint funcIndex, FunctionBody body)
    {
        _ctx = ctx;
        _module = ctx.Module;
        int codeOffset = _validator.Begin(ctx, funcIndex, body);
        _type = _module.FunctionType(funcIndex);
        OffsetMap.BeginFunction();
        _traps.Reset(_masm.Buffer.Position);
        // the prologue's stack check is the first instruction's
        _traps.BeginInstruction(codeOffset);
        _stackCost = _deterministic ? StackHeightCost.Compute(ctx, funcIndex, body) : 0;
        Setup();
        var code = _module.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset);
        PinLocals(code, codeOffset);
        if (_fuelCosts is not null) _meteringPlan.Compute(code, codeOffset, _fuelCosts);
        var reader = new OperatorReader(code, codeOffset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            if (_validator.Finished) throw new MalformedModuleException("section size mismatch", reader.Offset);
            reader.Read(ref ins);
            _validator.Step(ref ins);
            _nextOffset = reader.Offset;
            _next = reader.AtEnd ? -1 : _module.Bytes[_nextOffset];
            _traps.BeginInstruction(ins.Offset);
            if (_fuelCosts is not null) ChargeFuel(_meteringPlan.ChargeAt(ins.Offset));
            Emit(ref ins);
        }
        if (!_validator.Finished) throw new MalformedModuleException("END opcode expected", reader.Offset);
        Finish();
    }

    private void Setup()
    {
        _count = 0;
        _deferredFloat = default;
        _firstReg = 0;
        _frameCount = 0;
        _usedRegs = 0;
        _maxDepth = 0;
        _maxOutgoing = 0;
        _deadNesting = 0;
        _masm.Labels.Reset();
        var locals = _validator.Locals;
        if (!_masm.SupportsSimd)
        {
            foreach (var t in locals)
                if (t == ValType.V128) throw Simd();
            CheckSignature(_type);
        }
        var ps = _type.Params;
        if (_paramOffsets.Length < ps.Length) _paramOffsets = new int[ps.Length * 2];
        for (int i = 0, off = 0; i < ps.Length; i++)
        {
            _paramOffsets[i] = _masm.IncomingAreaOffset + off;
            off += ValueLayout.SlotSize(ps[i]);
        }
        int declared = locals.Length - ps.Length;
        _localBase = _masm.FrameHeaderSize;
        int localBytes = LayOutLocals(locals[ps.Length..]);
        _slotBase = _localBase + localBytes;
        _frameHandle = _masm.Prologue(_traps[TrapKind.CallStackExhausted]);
        if (_deterministic) _masm.ChargeStackHeight(_stackCost, _traps[TrapKind.CallStackExhausted]);
        if (declared > 0) _masm.ZeroFrame(-_slotBase, localBytes);
        PushFrame(Opcode.Block, BlockType.Empty, 0, _type.Results.Length);
    }

    private FramePatch _frameHandle;

    private void Finish()
    {
        _traps.EmitStubs(StatusReg);
        int frame = _slotBase + _maxDepth * SlotSize + _maxOutgoing;
        _masm.FinishFunction();
        _masm.PatchFrameSize(_frameHandle, (frame + 15) & ~15);
        _masm.Labels.EnsureAllBound();
        // a scope left open would make the next sequence believe its scratch registers are taken
        if (!_masm.Scratches.AllFree) throw new InvalidOperationException("a scratch-register scope was left open");
    }

    private static UnsupportedFeatureException Simd() =>
        new("simd", "128-bit SIMD is not supported by the Singlepass compiler yet");

    // ---- frame addresses ------------------------------------------------------------------------------------

    private Addr SlotAddr(int position) => Addr.Frame(-(_slotBase + (position + 1) * SlotSize));

    private Addr LocalAddr(uint index)
    {
        int ps = _type.Params.Length;
        if (index < ps) return Addr.Frame(_paramOffsets[index]);
        return Addr.Frame(-(_localBase + _localEnds[(int)index - ps]));
    }

    /// <summary>Distance below the locals' base of the end of each declared local (8 bytes each, 16 for v128).</summary>
    private int[] _localEnds = new int[16];

    private int LayOutLocals(ReadOnlySpan<ValType> declared)
    {
        if (_localEnds.Length < declared.Length) _localEnds = new int[declared.Length * 2];
        int end = 0;
        for (int i = 0; i < declared.Length; i++)
        {
            end += ValueLayout.SlotSize(declared[i]);
            _localEnds[i] = end;
        }
        return end;
    }

    // ---- registers ------------------------------------------------------------------------------------------

    /// <summary>f32, f64 and v128 live in the ISA's floating-point/vector registers.</summary>
    private static RegClass ClassOf(ValType t) => t is ValType.F32 or ValType.F64 or ValType.V128 ? RegClass.Float : RegClass.Int;

    private static int Bit(Reg r) => r.Class == RegClass.Int ? r.Id : 32 + r.Id;

    private bool IsFree(Reg r) => (_usedRegs & (1UL << Bit(r))) == 0;

    private void Take(Reg r) => _usedRegs |= 1UL << Bit(r);

    /// <summary>Gives <paramref name="r"/> back; a pinned local's register (borrowed by an operand) stays taken.</summary>
    private void Free(Reg r) => _usedRegs &= ~(1UL << Bit(r)) | _pinnedRegs;

    /// <summary>A free register of <paramref name="cls"/>; when none is free, the oldest register value is spilled.</summary>
    private Reg Alloc(RegClass cls)
    {
        var pool = cls == RegClass.Int ? _masm.IntRegs : _masm.FloatRegs;
        foreach (var r in pool)
        {
            if (IsFree(r))
            {
                Take(r);
                return r;
            }
        }
        for (int i = _firstReg; i < _count; i++)
        {
            if (_stack[i].Kind != ValueKind.Reg)
            {
                if (i == _firstReg) _firstReg++;
                continue;
            }
            if (_stack[i].Reg.Class != cls) continue;
            var r = _stack[i].Reg;
            Spill(i);
            Take(r);
            return r;
        }
        throw new InvalidOperationException("register allocator: no register to spill");
    }

    /// <summary>The register libcalls return their status in (the first allocatable integer register).</summary>
    private Reg StatusReg => _masm.IntRegs[0];

    private void Spill(int i)
    {
        ref var v = ref _stack[i];
        if (v.Kind != ValueKind.Reg) return;
        _masm.Store(v.Type, SlotAddr(i), v.Reg);
        Free(v.Reg);
        v.Kind = ValueKind.Slot;
    }

    /// <summary>Every register value goes to its slot (before calls and at block boundaries).</summary>
    private void SpillAll()
    {
        for (int i = _firstReg; i < _count; i++) Spill(i);
        _firstReg = _count;
    }

    /// <summary>Puts constants among the top <paramref name="n"/> values into their slots: a block's parameters
    /// must be where every path into it (a loop's back-edge, an if's else) expects them.</summary>
    private void MaterializeTop(int n)
    {
        for (int i = _count - n; i < _count; i++)
        {
            ref var v = ref _stack[i];
            if (v.Kind != ValueKind.Const) continue;
            _masm.StoreImm(v.Type, SlotAddr(i), v.Bits);
            v.Kind = ValueKind.Slot;
        }
    }

    // ---- operand stack --------------------------------------------------------------------------------------

    private void Push(StackValue v)
    {
        if (_count == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        if (v.Kind == ValueKind.Reg && _count < _firstReg) _firstReg = _count;
        _stack[_count++] = v;
        if (_count > _maxDepth) _maxDepth = _count;
    }

    private void PushReg(ValType t, Reg r) => Push(StackValue.InReg(t, r));

    private void PushConst(ValType t, ulong bits) => Push(StackValue.Const(t, bits));

    private StackValue Pop() => _stack[--_count];

    private ref StackValue Peek(int fromTop = 0) => ref _stack[_count - 1 - fromTop];

    /// <summary>Pops the top value into a register the caller now owns.</summary>
    private Reg PopToReg()
    {
        var v = _stack[_count - 1];
        if (v.Kind == ValueKind.Reg)
        {
            _count--;
            return v.Reg;
        }
        var r = Alloc(ClassOf(v.Type));
        if (v.Kind == ValueKind.Const) _masm.LoadImm(v.Type, r, v.Bits);
        else _masm.Load(v.Type, r, SlotAddr(_count - 1));
        _count--;
        return r;
    }

    /// <summary>Pops the top value as an operand: an immediate when it is a constant, else a register.</summary>
    private Operand PopOperand(bool is64)
    {
        var v = _stack[_count - 1];
        if (v.Kind != ValueKind.Const) return Operand.Of(PopToReg());
        _count--;
        return Operand.Immediate(is64 ? (long)v.Bits : (int)(uint)v.Bits);
    }

    /// <summary>Stores the value at position <paramref name="from"/> into the slot of position <paramref name="to"/>
    /// without changing the generator's state (used on branch paths).</summary>
    private void MoveToSlot(int from, int to)
    {
        var v = _stack[from];
        switch (v.Kind)
        {
            case ValueKind.Reg: _masm.Store(v.Type, SlotAddr(to), v.Reg); break;
            case ValueKind.Const: _masm.StoreImm(v.Type, SlotAddr(to), v.Bits); break;
            default:
                if (from != to) _masm.Copy(v.Type, SlotAddr(to), SlotAddr(from));
                break;
        }
    }

    /// <summary>Whether the top <paramref name="n"/> values already sit in the slots a branch to a label at
    /// <paramref name="height"/> expects.</summary>
    private bool InPlace(int height, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int from = _count - n + i;
            if (_stack[from].Kind != ValueKind.Slot || from != height + i) return false;
        }
        return true;
    }

    private void EmitMerge(int height, int n)
    {
        for (int i = 0; i < n; i++) MoveToSlot(_count - n + i, height + i);
    }

    /// <summary>Drops entries down to <paramref name="height"/>, freeing their registers.</summary>
    private void Truncate(int height)
    {
        while (_count > height)
        {
            var v = Pop();
            if (v.Kind == ValueKind.Reg) Free(v.Reg);
        }
    }

    /// <summary>Replaces entries from <paramref name="height"/> up with one value of each of
    /// <paramref name="types"/> in their slots.</summary>
    private void PushSlots(int height, ReadOnlySpan<ValType> types)
    {
        Truncate(height);
        foreach (var t in types) Push(StackValue.InSlot(t));
    }
}
