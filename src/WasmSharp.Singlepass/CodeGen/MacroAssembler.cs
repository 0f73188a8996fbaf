using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

/// <summary>An argument of a call into the runtime: a frame location, an immediate, or the VM context.</summary>
internal readonly record struct LibcallArg(LibcallArgKind Kind, Addr Addr, long Imm, ValType Type)
{
    public static LibcallArg Vmctx => new(LibcallArgKind.Vmctx, default, 0, ValType.I64);
    public static LibcallArg Slot(Addr a, ValType t) => new(LibcallArgKind.Slot, a, 0, t);
    public static LibcallArg Immediate(long v) => new(LibcallArgKind.Imm, default, v, ValType.I64);
}

internal enum LibcallArgKind : byte { Vmctx, Slot, Imm }

/// <summary>Where a prologue left room for the frame size, which is known only at the end of the function: up to two
/// code positions, whose meaning is the ISA's (x86: the stack check's <c>lea</c> and the <c>sub rsp</c>).</summary>
internal readonly record struct FramePatch(int First, int Second);

/// <summary>
/// What the architecture-independent generator needs from an ISA, pitched at the level of Wasm operators; each ISA
/// (see <see cref="Target"/>) lowers an operator to whatever sequence it likes. The contract:
/// <list type="bullet">
/// <item>The generator never names a machine register or instruction: it allocates from <see cref="IntRegs"/>/
/// <see cref="FloatRegs"/> (the ISA's own numbers, opaque to it) and addresses frame slots relative to the frame
/// pointer (<see cref="Addr"/>).</item>
/// <item>Binary operations have three operands, <c>dst = lhs op rhs</c>, any of which may be the same register; a
/// two-operand ISA adds the move. Every register operand keeps its value unless it is <c>dst</c>.</item>
/// <item>Immediates (<see cref="Operand"/>) may be any value of the operand size: which ones an instruction can
/// encode (x86: sign-extended 32 bits; AArch64: 12-bit add/sub, bitmask logical immediates) is the ISA's business,
/// and it materializes the others in a scratch register.</item>
/// <item>Scratch registers belong to the ISA, which hands them out to its own sequences in
/// <see cref="ScratchScope"/>s (<see cref="Scratch"/>); all are free between two calls from the generator.</item>
/// <item>Frame-size patching state travels in the <see cref="FramePatch"/> handle <see cref="Prologue"/> returns.</item>
/// <item>Generated code embeds no host address: runtime functions and the unwinder are reached through the table
/// the VM context points to (<see cref="CallLibcall"/>, trap stubs); calls within the module are relative.</item>
/// <item>Labels and their fix-ups go through <see cref="Labels"/>, whose <see cref="IFixupPatcher"/> is the ISA's;
/// a branch that may end up out of reach is the ISA's problem (long form, or veneers: <see cref="LabelTable.EmitVeneers"/>).</item>
/// <item>Nothing allocates per instruction.</item>
/// </list>
/// </summary>
internal abstract partial class MacroAssembler
{
    public abstract CodeBuffer Buffer { get; }
    public abstract LabelTable Labels { get; }
    public Label CreateLabel() => Labels.Create();
    public void Bind(Label label) => Labels.Bind(label, Buffer);

    /// <summary>The registers the ISA keeps for its own sequences (never in <see cref="IntRegs"/>/<see cref="FloatRegs"/>).</summary>
    public abstract ScratchPool Scratches { get; }
    /// <summary>Opens a scope of scratch registers: <c>using var s = Scratch(); var t = s.Int();</c>.</summary>
    public ScratchScope Scratch() => Scratches.Scope();

    /// <summary>Out-of-bounds memory accesses fault on guard pages: the ISA's memory accesses never branch to their
    /// out-of-bounds label (the generator passes none, and only records the access in the offset map).</summary>
    public abstract bool GuardPages { get; }

    /// <summary>Registers the generator may allocate.</summary>
    public abstract ReadOnlySpan<Reg> IntRegs { get; }
    public abstract ReadOnlySpan<Reg> FloatRegs { get; }

    /// <summary>Frame-pointer offset of the incoming argument/result area (above the return address).</summary>
    public abstract int IncomingAreaOffset { get; }
    /// <summary>Bytes just below the frame pointer that the ISA keeps for itself (saved VM context).</summary>
    public abstract int FrameHeaderSize { get; }

    // ---- frame ------------------------------------------------------------------------------------------

    /// <summary>Pads the code (with something harmless) to where the ISA likes a function to start.</summary>
    public abstract void AlignFunction();

    /// <summary>Sets up the frame and checks the stack limit (jumping to <paramref name="stackOverflow"/>); the
    /// frame size is not known yet. Returns where to patch it, for <see cref="PatchFrameSize"/>.</summary>
    public abstract FramePatch Prologue(Label stackOverflow);
    /// <summary>Writes the final frame size (a multiple of 16) into the prologue <paramref name="patch"/> describes.</summary>
    public abstract void PatchFrameSize(FramePatch patch, int frameSize);
    /// <summary>Tears the frame down and returns to the caller.</summary>
    public abstract void Epilogue();
    /// <summary>Deterministic mode: takes <paramref name="cost"/> from the store's
    /// <see cref="RuntimeState.StackHeightLeft"/>, jumping to <paramref name="exhausted"/> when it would go below 0.</summary>
    public abstract void ChargeStackHeight(int cost, Label exhausted);
    /// <summary>Deterministic mode: gives <paramref name="cost"/> back at return. Keeps every allocatable register.</summary>
    public abstract void RefundStackHeight(int cost);
    /// <summary>Checks the stack limit at a loop header: an interrupt makes the check fail.</summary>
    public abstract void LoopCheck(Label stackOverflow);
    /// <summary>Zeroes <paramref name="bytes"/> (a multiple of 8) of the frame starting at frame offset <paramref name="from"/>.</summary>
    public abstract void ZeroFrame(int from, int bytes);

    // ---- moves --------------------------------------------------------------------------------------------

    public abstract void LoadImm(ValType t, Reg dst, ulong bits);
    public abstract void Move(ValType t, Reg dst, Reg src);
    public abstract void Load(ValType t, Reg dst, Addr src);
    public abstract void Store(ValType t, Addr dst, Reg src);
    public abstract void StoreImm(ValType t, Addr dst, ulong bits);
    public abstract void Copy(ValType t, Addr dst, Addr src);

    // ---- arithmetic ---------------------------------------------------------------------------------------

    /// <summary><c>dst = lhs op rhs</c>; any of them may be the same register. <paramref name="rhs"/> may be any
    /// immediate of the operand size: the ISA materializes what it cannot encode.</summary>
    public abstract void IntBinary(IntBinOp op, bool is64, Reg dst, Reg lhs, Operand rhs);
    /// <summary><c>dst = lhs op rhs</c>, trapping on division by zero and signed overflow.</summary>
    public abstract void IntDivRem(DivOp op, bool is64, Reg dst, Reg lhs, Reg rhs, in TrapLabels traps);
    public abstract void IntCompare(IntCmp op, bool is64, Reg dst, Reg lhs, Operand rhs);
    public abstract void IntUnary(IntUnOp op, bool is64, Reg dst, Reg src);
    /// <summary><c>dst = lhs op rhs</c> with Wasm's NaN and signed-zero rules; any of them may be the same register.</summary>
    public abstract void FloatBinary(FloatBinOp op, bool is64, Reg dst, Reg lhs, Reg rhs);
    public abstract void FloatUnary(FloatUnOp op, bool is64, Reg dst, Reg src);
    /// <summary>Deterministic mode: replaces a NaN in <paramref name="reg"/> by the canonical NaN (f32 0x7FC00000,
    /// f64 0x7FF8000000000000); any other value is left alone.</summary>
    public abstract void CanonicalizeNaN(Reg reg, bool is64);
    public abstract void FloatCompare(FloatCmp op, bool is64, Reg dst, Reg lhs, Reg rhs);
    /// <summary>Converts <paramref name="src"/> into <paramref name="dst"/> (of the result's class).</summary>
    public abstract void Convert(ConvOp op, Reg dst, Reg src, in TrapLabels traps);
    /// <summary><c>dst = cond != 0 ? dst : other</c>.</summary>
    public abstract void Select(ValType t, Reg dst, Reg other, Reg cond);

    /// <summary><c>dst = (lhs op rhs) ? dst : other</c>: a float comparison that decides the select right after it
    /// (C's <c>x == x ? a : b</c>, fmin/fmax's NaN test), with <see cref="FloatCompare"/>'s meaning (false for NaN
    /// but ne). <paramref name="flag"/> is a free integer register; by default the 0/1 value goes through it, as the
    /// two operators apart would; a target that can select on the comparison's flags ignores it.</summary>
    public virtual void SelectOnFloatCompare(ValType t, Reg dst, Reg other, FloatCmp op, bool is64, Reg lhs, Reg rhs, Reg flag)
    {
        FloatCompare(op, is64, flag, lhs, rhs);
        Select(t, dst, other, flag);
    }

    // ---- memory, globals, tables --------------------------------------------------------------------------

    /// <summary>A load into <paramref name="value"/>, or a store of it, at <c>addr + offset</c> of memory 0 with a
    /// bounds check (jumping to <paramref name="outOfBounds"/>).</summary>
    public abstract void MemoryAccess(MemOp op, Reg value, Reg addr, ulong offset, Label outOfBounds);
    /// <summary>Memory 0's size in pages.</summary>
    public abstract void MemorySize(Reg dst);
    /// <summary><paramref name="dst"/> = the store's <see cref="RuntimeState"/> (<c>vmctx->Runtime</c>). The
    /// default reaches it through function 0's reference, whose context (the instance's own, an imported
    /// instance's or a host function's) shares the store's runtime state; an ISA overrides it with one load.</summary>
    public virtual void LoadRuntimeState(Reg dst)
    {
        FunctionRef(dst, 0);
        Load(ValType.I64, dst, Addr.At(dst, VMOffsets.FuncRefVmctx));
        Load(ValType.I64, dst, Addr.At(dst, VMOffsets.VmctxRuntime));
    }

    /// <summary>The address of global <paramref name="index"/>'s cell.</summary>
    public abstract void GlobalAddress(Reg dst, int index);
    /// <summary>The address of the function reference of function <paramref name="index"/> (ref.func).</summary>
    public abstract void FunctionRef(Reg dst, int index);
    public abstract void TableGet(Reg dst, Reg index, int table, Label outOfBounds);
    public abstract void TableSet(Reg index, Reg value, int table, Label outOfBounds);
    public abstract void TableSize(Reg dst, int table);

    // ---- control ------------------------------------------------------------------------------------------

    public abstract void Jump(Label target);
    public abstract void BranchIfZero(bool is64, Reg value, Label target);
    public abstract void BranchIfNonZero(bool is64, Reg value, Label target);
    /// <summary>Compares and jumps to <paramref name="target"/> when the comparison is <paramref name="whenTrue"/>.</summary>
    public abstract void CompareAndBranch(IntCmp op, bool is64, Reg lhs, Operand rhs, bool whenTrue, Label target);
    /// <summary>Jumps to <paramref name="targets"/>[index], or to <paramref name="defaultTarget"/> when out of range.</summary>
    public abstract void JumpTable(Reg index, ReadOnlySpan<Label> targets, Label defaultTarget);
    /// <summary>Emits the out-of-line code at <paramref name="label"/> that reports <paramref name="kind"/>. It is
    /// called from a trap site (<see cref="TrapSite"/>): the trap's address is the return address less one.</summary>
    public abstract void TrapStub(Label label, TrapKind kind);

    /// <summary>Binds <paramref name="site"/> to a call of the trap stub at <paramref name="stubOffset"/>, so that the
    /// stub knows which site trapped; returns the offset of the call (after any veneer island).</summary>
    public abstract int TrapSite(Label site, int stubOffset);

    // ---- calls --------------------------------------------------------------------------------------------

    /// <summary>A call to a function of this module whose address is patched later; returns the patch position.</summary>
    public abstract int CallDirect();
    public abstract void PatchCall(int patchPosition, int targetOffset);
    /// <summary>Calls through a function reference: switches to its VM context and back.</summary>
    public abstract void CallFuncRef(Reg funcRef);
    /// <summary>Loads the function reference for call_indirect: bounds, null and signature checks.</summary>
    public abstract void LoadIndirectCallee(Reg dst, Reg index, int table, int typeIndex, Label undefined, Label uninitialized, Label mismatch);
    /// <summary>Calls runtime function <paramref name="id"/> with the platform C convention, through the table the VM
    /// context points to (no host address in the code); its 32-bit result goes to <paramref name="result"/>.</summary>
    public abstract void CallLibcall(LibcallId id, ReadOnlySpan<LibcallArg> args, Reg? result);
    /// <summary>After a libcall that returns a trap code in <paramref name="status"/>: jump to the trap path when non-zero.</summary>
    public abstract void TrapIfStatus(Reg status, Label trapWithStatus);
    /// <summary>Out-of-line code at <paramref name="label"/> that reports the trap code held in the status register.</summary>
    public abstract void StatusTrapStub(Label label, Reg status);
    // ---- 128-bit SIMD ---------------------------------------------------------------------------------------
    // v128 values live in the registers of FloatRegs (the ISA's vector registers) and in 16-byte frame slots;
    // Load/Store/Move/Copy/Select above take ValType.V128 too. Binary operations follow the three-operand rule.

    /// <summary>Whether this ISA implements the operations below; when false the generator refuses a module that
    /// uses v128 with "unsupported feature: simd" before calling any of them.</summary>
    public virtual bool SupportsSimd => false;
    /// <summary><paramref name="dst"/> = the 128-bit constant (<paramref name="lo"/> holds lanes 0-7 as bytes).</summary>
    public abstract void V128Const(Reg dst, ulong lo, ulong hi);
    /// <summary><c>dst = lhs op rhs</c>; any of them may be the same register.</summary>
    public abstract void V128Binary(V128BinOp op, Reg dst, Reg lhs, Reg rhs);
    public abstract void V128Unary(V128UnOp op, Reg dst, Reg src);
    /// <summary><c>dst = lhs shifted by count</c>, the count (an integer register or any immediate) taken modulo
    /// the lane width.</summary>
    public abstract void V128Shift(V128ShiftOp op, Reg dst, Reg lhs, Operand count);
    /// <summary>An i32 reduction (any_true, all_true, bitmask) of <paramref name="src"/> into integer <paramref name="dst"/>.</summary>
    public abstract void V128Test(V128TestOp op, Reg dst, Reg src);
    /// <summary><c>dst = (a &amp; mask) | (b &amp; ~mask)</c>.</summary>
    public abstract void V128Bitselect(Reg dst, Reg a, Reg b, Reg mask);
    /// <summary>i8x16.shuffle: <c>dst[i] = (lhs ++ rhs)[lanes[i]]</c>, every lane index below 32.</summary>
    public abstract void V128Shuffle(Reg dst, Reg lhs, Reg rhs, ulong lanesLo, ulong lanesHi);
    /// <summary>Every lane of <paramref name="dst"/> = <paramref name="src"/> (an integer register for integer
    /// shapes, a float register for float shapes).</summary>
    public abstract void V128Splat(LaneShape shape, Reg dst, Reg src);
    /// <summary><paramref name="dst"/> (integer or float register, by shape) = lane <paramref name="lane"/>,
    /// sign- or zero-extended for the narrow integer shapes.</summary>
    public abstract void V128ExtractLane(LaneShape shape, bool signed, Reg dst, Reg src, int lane);
    /// <summary><c>dst = vec</c> with lane <paramref name="lane"/> replaced by <paramref name="value"/>.</summary>
    public abstract void V128ReplaceLane(LaneShape shape, Reg dst, Reg vec, Reg value, int lane);
    /// <summary>A load into <paramref name="dst"/> from <c>addr + offset</c> of memory 0, bounds-checked like
    /// <see cref="MemoryAccess"/> for the bytes it reads.</summary>
    public abstract void V128Load(V128LoadOp op, Reg dst, Reg addr, ulong offset, Label outOfBounds);
    public abstract void V128Store(Reg value, Reg addr, ulong offset, Label outOfBounds);
    /// <summary>Replaces lane <paramref name="lane"/> of <paramref name="vec"/> (in place) with the
    /// <paramref name="laneBytes"/>-byte value at <c>addr + offset</c>.</summary>
    public abstract void V128LoadLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds);
    public abstract void V128StoreLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds);
    /// <summary>Deterministic mode: replaces every NaN lane of <paramref name="value"/> with the positive canonical
    /// NaN of its lane type (f32 0x7FC00000, f64 0x7FF8000000000000).</summary>
    public abstract void V128CanonicalizeNaN(bool is64, Reg value);
    /// <summary>Called once at the end of each function, after its trap stubs: an ISA that keeps per-function
    /// data next to the code (x86: the pool of 128-bit constants) writes it here.</summary>
    public virtual void FinishFunction() { }
}
