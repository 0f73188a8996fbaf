using WasmSharp.Binary;

namespace WasmSharp.Singlepass.CodeGen;

// Locals pinned to registers.
//
// The locals a function uses most (uses weighted by loop depth, counted by one pass over the operator bytes) live in
// registers taken out of the allocatable pools for the whole function: local.get is a register move, local.set a
// move into the local's register. Because a pinned local is in the same register at every point of the function,
// labels need no merge of local state, so blocks, branches and loops stay as they were. Every allocatable register is
// caller-saved in the Wasm and libcall conventions, so around a call the pinned locals go to their frame homes
// (only those changed since they were last stored: "dirty") and come back after it. Clean/dirty is tracked in
// straight-line code only: every label marks all pinned locals dirty, which is safe whatever path reaches it.
internal sealed partial class FunctionCompiler
{
    /// <summary>Registers each class keeps for the operand stack: the most any operator holds at once (select: three
    /// integer registers; a deferred comparison holds two until its branch), with margin for floats.</summary>
    private const int MinFreeInt = 3, MinFreeFloat = 6;
    /// <summary>At most this many locals of each class are pinned (their save/reload at calls costs too).</summary>
    private const int MaxPinnedPerClass = 12;

    /// <summary>Per local: its register when pinned (<see cref="_pinSlot"/> &gt;= 0).</summary>
    private Reg[] _localRegs = new Reg[16];
    /// <summary>Per local: its index among the pinned locals (its bit in <see cref="_dirty"/>), or -1.</summary>
    private int[] _pinSlot = new int[16];
    /// <summary>The pinned locals, by pin index.</summary>
    private readonly int[] _pinned = new int[2 * MaxPinnedPerClass];
    private int _pinnedCount;
    /// <summary>Bits (<see cref="Bit"/>) of the pinned registers: never allocated for the operand stack.</summary>
    private ulong _pinnedRegs;
    /// <summary>Pinned locals whose frame home may differ from their register.</summary>
    private ulong _dirty;
    /// <summary>Weighted use count per local, from <see cref="CountLocalUses"/>.</summary>
    private long[] _localWeights = new long[16];
    private int[] _loopNesting = new int[16];

    private bool IsPinned(uint index) => _pinSlot[index] >= 0;

    /// <summary>Chooses the pinned locals and loads them (after the prologue): parameters from the incoming area,
    /// declared locals as 0 (their homes are zeroed already, so all start clean).</summary>
    private void PinLocals(ReadOnlySpan<byte> code, int codeOffset)
    {
        var locals = _validator.Locals;
        if (_pinSlot.Length < locals.Length)
        {
            _pinSlot = new int[locals.Length * 2];
            _localRegs = new Reg[locals.Length * 2];
            _localWeights = new long[locals.Length * 2];
        }
        _pinSlot.AsSpan(0, locals.Length).Fill(-1);
        _pinnedCount = 0;
        _pinnedRegs = 0;
        _dirty = 0;
        if (locals.Length == 0) return;
        CountLocalUses(code, codeOffset, locals.Length);
        // IntRegs[0] receives libcall results and trap codes: never pinned
        PinClass(RegClass.Int, _masm.IntRegs[1..], MinFreeInt - 1);
        PinClass(RegClass.Float, _masm.FloatRegs, MinFreeFloat);
        int ps = _type.Params.Length;
        for (int k = 0; k < _pinnedCount; k++)
        {
            int i = _pinned[k];
            var t = locals[i];
            if (i < ps) _masm.Load(t, _localRegs[i], LocalAddr((uint)i));
            else _masm.LoadImm(t, _localRegs[i], 0);
        }
        _usedRegs = _pinnedRegs;
    }

    /// <summary>Pins the heaviest locals of class <paramref name="cls"/> to the last registers of
    /// <paramref name="pool"/>, leaving <paramref name="keepFree"/> of them to the operand stack. A local pays for its
    /// register only if it is used more than calls happen (each call reloads every pinned local), with both counts
    /// weighted by loop depth. One pass over the locals keeps the best few in order.</summary>
    private void PinClass(RegClass cls, ReadOnlySpan<Reg> pool, int keepFree)
    {
        int budget = Math.Min(MaxPinnedPerClass, pool.Length - keepFree);
        if (budget <= 0) return;
        Span<int> best = stackalloc int[MaxPinnedPerClass];
        int n = 0;
        var locals = _validator.Locals;
        for (int i = 0; i < locals.Length; i++)
        {
            long w = _localWeights[i];
            if (w <= _callWeight || !Pinnable(locals[i], cls)) continue;
            if (n == budget && w <= _localWeights[best[n - 1]]) continue;
            int at = n < budget ? n++ : n - 1;
            while (at > 0 && _localWeights[best[at - 1]] < w)
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        for (int k = 0; k < n; k++)
        {
            int local = best[k];
            var r = pool[pool.Length - 1 - k];
            _pinSlot[local] = _pinnedCount;
            _pinned[_pinnedCount++] = local;
            _localRegs[local] = r;
            _pinnedRegs |= 1UL << Bit(r);
        }
    }

    private static bool Pinnable(ValType t, RegClass cls) => cls == RegClass.Int
        ? t is ValType.I32 or ValType.I64
        : t is ValType.F32 or ValType.F64;

    /// <summary>Calls (and memory.grow) in the body, weighted like uses: each costs a reload of every pinned local.</summary>
    private long _callWeight;

    /// <summary>One pass over the operators: each local.get/set/tee of a local adds 4^(loop depth, at most 5), each
    /// call as much to <see cref="_callWeight"/>. The common single-byte operators are skipped over here without
    /// decoding their immediates (a LEB128 ends at its first byte below 0x80); the rest go through the
    /// <see cref="OperatorReader"/>. Malformed bytes end the count where they start: the compiler's walk reports them.</summary>
    private void CountLocalUses(ReadOnlySpan<byte> code, int codeOffset, int localCount)
    {
        _localWeights.AsSpan(0, localCount).Clear();
        _callWeight = 0;
        var weights = _localWeights;
        int depth = 0, loops = 0, pos = 0;
        long weight = 1;
        try
        {
            while (pos < code.Length)
            {
                byte op = code[pos++];
                switch (op)
                {
                    case 0x20 or 0x21 or 0x22: // local.get, local.set, local.tee
                    {
                        if (Leb.TryReadUnsigned(code, ref pos, out uint index) && index < (uint)localCount) weights[index] += weight;
                        break;
                    }
                    case 0x02 or 0x03 or 0x04: // block, loop, if
                        if (pos >= code.Length || (code[pos] & 0xC0) != 0x40) goto default; // a type index
                        pos++;
                        EnterBlock(op == 0x03, ref depth, ref loops, ref weight);
                        break;
                    case 0x0B: // end
                        if (depth > 0) weight = LoopWeight(loops = _loopNesting[--depth]);
                        break;
                    case 0x10: // call
                        _callWeight += weight;
                        pos = SkipLeb(code, pos);
                        break;
                    case 0x11: // call_indirect
                        _callWeight += weight;
                        pos = SkipLeb(code, SkipLeb(code, pos));
                        break;
                    case 0x40: // memory.grow
                        _callWeight += weight;
                        pos++;
                        break;
                    case 0x0C or 0x0D or 0x23 or 0x24 or 0x25 or 0x26 or 0x41 or 0x42 or 0xD2:
                        pos = SkipLeb(code, pos); // one index or integer constant
                        break;
                    case >= 0x28 and <= 0x3E: // memarg
                        pos = SkipLeb(code, SkipLeb(code, pos));
                        break;
                    case 0x43: pos += 4; break;
                    case 0x44: pos += 8; break;
                    case 0x3F: pos++; break; // memory.size
                    case 0x00 or 0x01 or 0x05 or 0x0F or 0x1A or 0x1B or 0xD1 or (>= 0x45 and <= 0xC4):
                        break;
                    default:
                    {
                        // the other shapes (type-indexed blocks, br_table, typed select, prefixed operators)
                        var reader = new OperatorReader(code[(pos - 1)..], codeOffset + pos - 1);
                        var ins = new Instruction();
                        reader.Read(ref ins);
                        pos = reader.Offset - codeOffset;
                        if (ins.Opcode is Opcode.Block or Opcode.If or Opcode.Loop)
                            EnterBlock(ins.Opcode == Opcode.Loop, ref depth, ref loops, ref weight);
                        break;
                    }
                }
            }
        }
        catch (MalformedModuleException)
        {
            // the compiler's walk reaches the same bytes and reports them
        }
    }

    /// <summary>Entering a block, loop or if: the loop depth to restore at its end; a loop weighs its uses 4× more.</summary>
    private void EnterBlock(bool loop, ref int depth, ref int loops, ref long weight)
    {
        if (depth == _loopNesting.Length) Array.Resize(ref _loopNesting, depth * 2);
        _loopNesting[depth++] = loops;
        if (loop) weight = LoopWeight(++loops);
    }

    /// <summary>What one use weighs at a loop depth: 4^depth, at most 4^5.</summary>
    private static long LoopWeight(int loops) => 1L << (2 * Math.Min(loops, 5));

    /// <summary>The position after the LEB128 at <paramref name="pos"/> (or the end of the code).</summary>
    private static int SkipLeb(ReadOnlySpan<byte> code, int pos)
    {
        while (pos < code.Length && code[pos++] >= 0x80) { }
        return pos;
    }

    /// <summary>Module offset of the next operator (its opcode is <see cref="_next"/>).</summary>
    private int _nextOffset;

    /// <summary>When the next operator is a local.set of a pinned local of type <paramref name="t"/>, its register:
    /// the current operator computes its result there, and the set needs no move. The entry holding that register
    /// lives only until the set, which pops it. A local.tee qualifies when the operator after it only reads the
    /// value it leaves (<see cref="ReadsTopOnly"/>, <see cref="PushThenReadsLeft"/>): that entry may keep borrowing
    /// the register. Not under fuel
    /// metering, whose charge at the set may call out and reload the pinned locals in between.</summary>
    private bool NextSetsPinned(ValType t, out Reg target)
    {
        target = default;
        if (_next is not ((int)Opcode.LocalSet or (int)Opcode.LocalTee) || _pinnedCount == 0 || _fuelCosts is not null) return false;
        var bytes = _module.Bytes;
        int pos = _nextOffset + 1;
        if (!Leb.TryReadUnsigned(bytes, ref pos, out uint index)) index = uint.MaxValue; // no local has it
        if (_next == (int)Opcode.LocalTee && (pos >= bytes.Length || !(ReadsTopOnly(bytes[pos]) || PushThenReadsLeft(pos)))) return false;
        var locals = _validator.Locals;
        // the set is validated after this operator: an index or type it would reject just gets no target
        if (index >= (uint)locals.Length || !IsPinned(index) || locals[(int)index] != t) return false;
        target = _localRegs[index];
        return true;
    }

    /// <summary>Whether the operators at module offset <paramref name="pos"/> push one value without changing a local
    /// (a constant or a local.get, optionally followed by a load from that address) and then take it as the right
    /// operand of an operator that only reads its left operand when that is a pinned local's register: integer
    /// arithmetic (<see cref="IntArith"/> then computes into another register), float add/sub/mul/div
    /// (<see cref="FloatBinary"/> likewise) or a comparison that waits for the branch after it
    /// (<see cref="NextBranchesOnComparison"/>). A local.get (or tee) before them may then lend its register:
    /// <c>local.get; i32.const; i32.add</c>, <c>local.get; local.get; f64.load; f64.mul</c> and
    /// <c>local.get; local.get; i32.lt_s; br_if</c> read the local in place.</summary>
    private bool PushThenReadsLeft(int pos)
    {
        var bytes = _module.Bytes;
        if (pos >= bytes.Length) return false;
        switch (bytes[pos])
        {
            case (byte)Opcode.I32Const or (byte)Opcode.I64Const or (byte)Opcode.LocalGet: pos = SkipLeb(bytes, pos + 1); break;
            case (byte)Opcode.F32Const: pos += 5; break;
            case (byte)Opcode.F64Const: pos += 9; break;
            default: return false;
        }
        if (pos < bytes.Length && bytes[pos] is >= (byte)Opcode.I32Load and <= (byte)Opcode.I64Load32U)
            pos = SkipLeb(bytes, SkipLeb(bytes, pos + 1)); // a load of the pushed address: still one value
        if (pos >= bytes.Length) return false;
        int op = bytes[pos];
        if (op is (>= (int)Opcode.I32Add and <= (int)Opcode.I32Mul) or (>= (int)Opcode.I32And and <= (int)Opcode.I32Rotr)
            or (>= (int)Opcode.I64Add and <= (int)Opcode.I64Mul) or (>= (int)Opcode.I64And and <= (int)Opcode.I64Rotr)
            or (>= (int)Opcode.F32Add and <= (int)Opcode.F32Div) or (>= (int)Opcode.F64Add and <= (int)Opcode.F64Div)) return true;
        if (op is not ((>= (int)Opcode.I32Eq and <= (int)Opcode.I32GeU) or (>= (int)Opcode.I64Eq and <= (int)Opcode.I64GeU))) return false;
        int next = pos + 1 < bytes.Length ? bytes[pos + 1] : -1;
        if (next is (int)Opcode.BrIf or (int)Opcode.If) return true;
        return next == (int)Opcode.I32Eqz && pos + 2 < bytes.Length && bytes[pos + 2] is (byte)Opcode.BrIf or (byte)Opcode.If;
    }

    /// <summary>local.get of a pinned local: a copy the operand stack owns (the local may change while it waits),
    /// except when the next operator only reads it (<see cref="ReadsTopOnly"/>): then the entry borrows the local's
    /// register (<see cref="Free"/> of it does nothing).</summary>
    private void PinnedGet(uint index, ValType t)
    {
        if (ReadsTopOnly(_next) || PushThenReadsLeft(_nextOffset))
        {
            PushReg(t, _localRegs[index]);
            return;
        }
        var r = Alloc(ClassOf(t));
        _masm.Move(t, r, _localRegs[index]);
        PushReg(t, r);
    }

    private void PinnedSet(uint index, bool tee)
    {
        var dst = _localRegs[index];
        ref var v = ref Peek();
        var t = v.Type;
        switch (v.Kind)
        {
            case ValueKind.Const:
                _masm.LoadImm(t, dst, v.Bits);
                if (!tee) _count--;
                break;
            case ValueKind.Reg:
                // the value may be in the local's register already (NextSetsPinned); a tee's entry then borrows it
                _masm.Move(t, dst, v.Reg);
                if (!tee) Free(Pop().Reg);
                break;
            default:
                _masm.Load(t, dst, SlotAddr(_count - 1));
                if (!tee) _count--;
                break;
        }
        _dirty |= 1UL << _pinSlot[index];
    }

    /// <summary>Operators that pop their top operand, only read it and then free it (or drop it with the stack):
    /// integer arithmetic but division and remainder, comparisons (not eqz: unary, it works in place), float
    /// arithmetic, a branch condition, select's condition, a stored value, a load's address (<see cref="EmitMemoryOp"/>
    /// loads into another register then), local.set (not tee: the value stays on the stack), a direct call's last
    /// argument, and what br, return and end move to their targets. Never call_indirect (its index register becomes
    /// the callee's).</summary>
    private static bool ReadsTopOnly(int op) => (uint)op < 256 && TopReaders[op];

    /// <summary><see cref="ReadsTopOnly"/> by first opcode byte: a table, as it is asked at every local.get of a pinned local.</summary>
    private static readonly bool[] TopReaders = BuildTopReaders();

    // A plain loop, not LINQ: in the NativeAOT library, Select<int, bool> is a generic virtual method the type loader
    // builds at run time in native memory that is never freed, which valgrind reports as possibly lost (CProgramTests).
    private static bool[] BuildTopReaders()
    {
        var table = new bool[256];
        for (int op = 0; op < table.Length; op++) table[op] = IsTopReader(op);
        return table;
    }

    private static bool IsTopReader(int op) => op is
        (>= (int)Opcode.I32Eq and <= (int)Opcode.I32GeU) or (>= (int)Opcode.I64Eq and <= (int)Opcode.F64Ge)
        or (>= (int)Opcode.I32Add and <= (int)Opcode.I32Mul) or (>= (int)Opcode.I32And and <= (int)Opcode.I32Rotr)
        or (>= (int)Opcode.I64Add and <= (int)Opcode.I64Mul) or (>= (int)Opcode.I64And and <= (int)Opcode.I64Rotr)
        or (>= (int)Opcode.F32Add and <= (int)Opcode.F32Copysign) or (>= (int)Opcode.F64Add and <= (int)Opcode.F64Copysign)
        or (>= (int)Opcode.I32Load and <= (int)Opcode.I64Store32)
        or (int)Opcode.BrIf or (int)Opcode.If or (int)Opcode.Select or (int)Opcode.SelectT
        or (int)Opcode.LocalSet or (int)Opcode.Call or (int)Opcode.Br or (int)Opcode.Return or (int)Opcode.End;

    /// <summary>Whether <paramref name="r"/> is a pinned local's register (borrowed by an operand: never written).</summary>
    private bool IsPinnedReg(Reg r) => (_pinnedRegs & (1UL << Bit(r))) != 0;

    /// <summary>Before a call: the changed pinned locals go to their frame homes.</summary>
    private void SaveLocals()
    {
        for (ulong d = _dirty; d != 0; d &= d - 1)
        {
            int i = _pinned[System.Numerics.BitOperations.TrailingZeroCount(d)];
            _masm.Store(_validator.Locals[i], LocalAddr((uint)i), _localRegs[i]);
        }
        _dirty = 0;
    }

    /// <summary>After a call, which clobbered every allocatable register: the pinned locals come back.</summary>
    private void ReloadLocals()
    {
        for (int k = 0; k < _pinnedCount; k++)
        {
            int i = _pinned[k];
            _masm.Load(_validator.Locals[i], _localRegs[i], LocalAddr((uint)i));
        }
    }

    /// <summary>At a label other paths may reach: their locals' homes are unknown here.</summary>
    private void JoinLocals() => _dirty = _pinnedCount == 64 ? ulong.MaxValue : (1UL << _pinnedCount) - 1;
}
