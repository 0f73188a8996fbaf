using System.Reflection.Emit;
using WasmSharp.Binary;
using WasmSharp.Compilers;

namespace WasmSharp.Cil;

/// <summary>
/// Translates one Wasm function body to CIL in a single pass. The Wasm operand stack is the CIL evaluation stack;
/// <see cref="_stack"/> tracks its types. Code after an unconditional control transfer is not emitted.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private readonly ModuleContext _ctx;
    private readonly ILGenerator _il;
    private readonly FuncType _type;
    private readonly int _definedIndex;
    private readonly ValType[] _localTypes;
    private readonly int _localCount;
    private readonly LocalBuilder?[] _locals;
    private readonly List<ValType> _stack = new();
    private readonly List<ControlFrame> _frames = new();
    private readonly Dictionary<(ValType, int), LocalBuilder> _temps = new();
    private LocalBuilder? _resultArea;
    private LocalBuilder? _funcRef;
    private Label? _unwindExit;
    /// <summary>The operator emitted before the current one (to see whether an operand is a constant).</summary>
    private Opcode _previous;
    private bool _unreachable;

    private FunctionEmitter(ModuleContext ctx, ILGenerator il, FuncType type, int definedIndex, ValType[] localTypes, int localCount)
    {
        _ctx = ctx;
        _il = il;
        _type = type;
        _definedIndex = definedIndex;
        _localTypes = localTypes;
        _localCount = localCount;
        _locals = new LocalBuilder?[localCount];
    }

    /// <summary>Emits defined function <paramref name="definedIndex"/> into <paramref name="method"/>. Returns whether
    /// it accesses memory without checks (guard pages), so that a fault, not a throw, traps in it.</summary>
    public static bool Emit(ModuleContext ctx, int definedIndex, MethodBuilder method, ref ValType[] localsBuffer)
    {
        var m = ctx.Module;
        var body = m.Bodies[definedIndex];
        var type = m.FunctionType((uint)(m.ImportedFunctionCount + definedIndex));
        int count = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref localsBuffer, out int codeOffset);
        var e = new FunctionEmitter(ctx, method.GetILGenerator(), type, definedIndex, localsBuffer, count);
        var sites = t_sites ??= new CilSiteRecorder();
        sites.Reset();
        e.EmitBody(m.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset), codeOffset);
        ctx.SiteMaps[definedIndex] = sites.Finish(e._il.ILOffset, method.DeclaringType?.Name ?? "", method.Name);
        return e._uncheckedAccesses;
    }

    /// <summary>Per thread, like <see cref="t_meteringPlan"/>.</summary>
    [ThreadStatic] private static CilSiteRecorder? t_sites;

    /// <summary>The Wasm instruction being emitted (the first one during the entry check), for the frames an unwind
    /// records.</summary>
    private int _wasmOffset;

    private void EmitBody(ReadOnlySpan<byte> code, int codeOffset)
    {
        for (int i = _type.Params.Length; i < _localCount; i++)
        {
            var local = _locals[i] = _il.DeclareLocal(ClrTypes.Of(_localTypes[i]));
            ClrTypes.EmitZero(_il, _localTypes[i]); // the method does not zero its locals (CilCompiler.DefineFunction)
            _il.Emit(OpCodes.Stloc, local);
        }
        _wasmOffset = codeOffset;
        _codeStart = codeOffset;
        _codeEnd = codeOffset + code.Length;
        // first: every unwind exit writes the fuel back
        if (_ctx.Engine.Config.ConsumeFuel) EmitFuelLoad();
        if (!TinyLeaves.IsTinyLeaf(_ctx, _definedIndex)) EmitStackCheck(0, StackCheck.Entry);
        EmitStackHeightCharge();
        EmitMemoryBaseLoad();
        var f = NewFrame(Opcode.Block, [], _type.Results);
        f.IsFunction = true;
        _frames.Add(f);
        var costs = _ctx.Engine.Config.ConsumeFuel ? _ctx.Engine.Config.FuelCosts : null;
        var plan = costs is null ? null : t_meteringPlan ??= new MeteringPlan();
        plan?.Compute(code, codeOffset, costs!);
        var reader = new OperatorReader(code, codeOffset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            reader.Read(ref ins);
            _nextByte = reader.AtEnd ? -1 : _ctx.Module.Bytes[reader.Offset];
            _nextOffset = reader.Offset;
            long charge = plan?.ChargeAt(ins.Offset) ?? 0;
            _wasmOffset = ins.Offset;
            if (!_unreachable)
                t_sites!.Begin(_il.ILOffset, ins.Offset, _stack.Count == 0, charge != 0 || CilSiteRecorder.IsSite(ins.Opcode));
            if (charge != 0) EmitFuelCharge(charge);
            if (_unreachable) EmitDead(ref ins);
            else EmitOperator(ref ins);
            _previous = ins.Opcode;
        }
        EmitFuelFailures();
        EmitStackHeightFailure();
        EmitEntryCheckFailure();
        if (_unwindExit is { } exit)
        {
            _il.MarkLabel(exit);
            EmitFuelFlush();
            ClrTypes.EmitDummyReturn(_il, _type);
        }
    }

    // ---- operand stack --------------------------------------------------------------------------------------

    private void Push(ValType t) => _stack.Add(t);

    private ValType Pop()
    {
        var t = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return t;
    }

    private void Pop(int n) => _stack.RemoveRange(_stack.Count - n, n);

    private ValType Top => _stack[^1];

    /// <summary>A scratch local; <paramref name="slot"/> keeps temps that are live together apart.</summary>
    private LocalBuilder Temp(ValType t, int slot)
    {
        if (!_temps.TryGetValue((t, slot), out var l))
        {
            l = _il.DeclareLocal(ClrTypes.Of(t));
            _temps[(t, slot)] = l;
        }
        return l;
    }

    /// <summary>Pops the top <c>locals.Length</c> values off the CIL stack into <paramref name="locals"/> (the deepest
    /// into the first).</summary>
    private void StoreTop(LocalBuilder[] locals)
    {
        for (int i = locals.Length - 1; i >= 0; i--) _il.Emit(OpCodes.Stloc, locals[i]);
    }

    private void LoadAll(LocalBuilder[] locals)
    {
        foreach (var l in locals) _il.Emit(OpCodes.Ldloc, l);
    }

    // ---- locals and globals ---------------------------------------------------------------------------------

    private void EmitLocalGet(uint i)
    {
        if (i < _type.Params.Length) _il.Emit(OpCodes.Ldarg, (short)(i + 1));
        else _il.Emit(OpCodes.Ldloc, _locals[i]!);
        Push(_localTypes[i]);
    }

    private void EmitLocalSet(uint i)
    {
        if (i < _type.Params.Length) _il.Emit(OpCodes.Starg, (short)(i + 1));
        else _il.Emit(OpCodes.Stloc, _locals[i]!);
        Pop();
    }

    /// <summary>The global's 16-byte cell: <c>vmctx->Globals[i]</c>.</summary>
    private void EmitGlobalCell(uint i)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, Runtime.VMOffsets.VmctxGlobals);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I);
        _il.Emit(OpCodes.Ldc_I4, (int)i * IntPtr.Size);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I);
    }

    private void EmitGlobalGet(uint i)
    {
        var t = _ctx.Module.Globals[(int)i].ValType;
        EmitGlobalCell(i);
        ClrTypes.EmitLoad(_il, t);
        Push(t);
    }

    private void EmitGlobalSet(uint i)
    {
        var t = Pop();
        var value = Temp(t, 0);
        _il.Emit(OpCodes.Stloc, value);
        EmitGlobalCell(i);
        _il.Emit(OpCodes.Ldloc, value);
        ClrTypes.EmitStore(_il, t);
    }

    // ---- metering -------------------------------------------------------------------------------------------
    // The fuel counter lives in an IL local, which RyuJIT keeps in a register: a charge is a subtract and a branch.
    // The store's RuntimeState.Fuel is written back (EmitFuelFlush) wherever it can be observed — before calls
    // (wasm, host, and helpers that may trap), before every explicit trap and at every return — and read again
    // after calls (a host function may refill it). So the fuel consumed, the fuel left and the point of exhaustion
    // are exactly those of an in-memory counter (Singlepass's).

    private LocalBuilder? _fuelState;
    private LocalBuilder? _fuel;
    /// <summary>The failure block of the charges made with an empty CIL stack (most of them): one per function.</summary>
    private Label? _fuelExhausted;
    /// <summary>Failure blocks of charges made with values on the CIL stack (a label's stack shape is fixed).</summary>
    private readonly List<Label> _fuelFailures = new();

    /// <summary>At entry: <c>fuelState = &amp;vmctx->Runtime->Fuel; fuel = *fuelState</c>.</summary>
    private void EmitFuelLoad()
    {
        _fuelState = EmitRuntimeFieldAddress(Runtime.VMOffsets.RuntimeFuel);
        _fuel = _il.DeclareLocal(typeof(long));
        EmitFuelReload();
    }

    /// <summary>A new local holding <c>&amp;vmctx->Runtime + offset</c>: the address of a counter of the store's
    /// runtime state (fuel, stack height) that a function keeps in a local and writes back.</summary>
    private LocalBuilder EmitRuntimeFieldAddress(int offset)
    {
        var address = _il.DeclareLocal(typeof(nint));
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldind_I); // vmctx->Runtime
        _il.Emit(OpCodes.Ldc_I4, offset);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, address);
        return address;
    }

    /// <summary>After a call: the callee (or a host function) consumed or refilled the store's fuel.</summary>
    private void EmitFuelReload()
    {
        if (_fuel is null) return;
        _il.Emit(OpCodes.Ldloc, _fuelState!);
        _il.Emit(OpCodes.Ldind_I8);
        _il.Emit(OpCodes.Stloc, _fuel);
    }

    /// <summary>Before anything that can observe the store's fuel: <c>*fuelState = fuel</c>.</summary>
    private void EmitFuelFlush()
    {
        if (_fuel is null) return;
        _il.Emit(OpCodes.Ldloc, _fuelState!);
        _il.Emit(OpCodes.Ldloc, _fuel);
        _il.Emit(OpCodes.Stind_I8);
    }

    /// <summary>A basic block's charge (<see cref="Compilers.MeteringPlan"/>): <c>if (fuel &lt; cost) trap; fuel -=
    /// cost</c>, the trap (which writes back the fuel as it was before the charge) after the body. Nothing where no
    /// code runs.</summary>
    private void EmitFuelCharge(long cost)
    {
        if (cost == 0 || _unreachable) return;
        Label fail;
        if (_stack.Count == 0) fail = _fuelExhausted ??= _il.DefineLabel();
        else _fuelFailures.Add(fail = _il.DefineLabel());
        EmitCharge(_fuel!, wide: true, cost, fail);
    }

    /// <summary>The one charge of a budget counter held in a local, for fuel (64 bits) and the deterministic stack
    /// height (32 bits): <c>if (counter &lt; cost) goto fail; counter -= cost</c>. Comparing first leaves the
    /// counter as it was at <paramref name="fail"/>, so charges can share one failure block.</summary>
    private void EmitCharge(LocalBuilder counter, bool wide, long cost, Label fail)
    {
        _il.Emit(OpCodes.Ldloc, counter);
        EmitCost();
        _il.Emit(OpCodes.Blt, fail);
        _il.Emit(OpCodes.Ldloc, counter);
        EmitCost();
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, counter);

        void EmitCost()
        {
            if (wide) _il.Emit(OpCodes.Ldc_I8, cost);
            else _il.Emit(OpCodes.Ldc_I4, checked((int)cost));
        }
    }

    /// <summary>After the body: a failed charge writes the fuel back and traps (values the charge found on the CIL
    /// stack are dropped by the throw).</summary>
    private void EmitFuelFailures()
    {
        if (_fuelExhausted is { } shared) _fuelFailures.Add(shared);
        foreach (var label in _fuelFailures)
        {
            _il.MarkLabel(label);
            EmitFuelFlush();
            _il.Emit(OpCodes.Ldc_I4, (int)TrapKind.OutOfFuel);
            _il.Emit(OpCodes.Call, TrapCreate);
            _il.Emit(OpCodes.Throw);
        }
        _fuelFailures.Clear();
    }

    /// <summary>After a call returns (before its unwind check, which may return with the fuel): what the callee may
    /// have changed.</summary>
    private void EmitAfterCall() => EmitFuelReload();

    /// <summary>Per thread: lazily compiled modules may compile functions on several threads at once.</summary>
    [ThreadStatic] private static MeteringPlan? t_meteringPlan;

    private static readonly System.Reflection.MethodInfo TrapCreate = Helpers.Get(typeof(Traps), nameof(Traps.Create));
}
