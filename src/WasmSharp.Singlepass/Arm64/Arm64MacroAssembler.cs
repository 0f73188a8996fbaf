using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// AArch64 lowering of the generator's operators. Register roles (<see cref="Arm64Abi"/>): x28 holds the VM context
/// and x27 memory 0's base for the whole function; x29/x30 form the frame record of every frame; x16, x17 and x15
/// are integer scratch and v31, v30 float scratch (handed out by <see cref="MacroAssembler.Scratch"/>); x18 is never
/// touched. Everything else is allocatable (but x26, which holds the fuel when the engine meters): calls clobber every allocatable register (the generator spills before
/// them), and the entry trampoline saves what AAPCS64 wants preserved (x19–x28, d8–d15). Three-operand operations map
/// one to one.
/// </summary>
internal sealed partial class Arm64MacroAssembler : MacroAssembler
{
    private static readonly Reg[] Ints =
    [
        .. Enumerable.Range(0, 15).Select(i => Int((XReg)i)),
        .. Enumerable.Range(19, 8).Select(i => Int((XReg)i)),
    ];
    private static readonly Reg[] Floats = [.. Enumerable.Range(0, 30).Select(i => Float((VReg)i))];

    private const XReg Vmctx = Arm64Abi.Vmctx;
    private const XReg MemBase = Arm64Abi.MemoryBase;
    private const XReg Fp = Arm64Abi.FramePointer;
    /// <summary>Frame-pointer offset where the prologue saves the VM context.</summary>
    private const int SavedVmctx = -8;
    /// <summary>Code a check for veneers keeps in reserve: more than any sequence emitted between two checks, plus
    /// the island itself (one word per pending label, added in <see cref="IslandMargin"/>).</summary>
    private const int SequenceMargin = 1 << 16;

    private readonly Arm64Assembler _a;
    private readonly LabelTable _labels = new(Arm64Fixups.Instance);
    private readonly ScratchPool _scratch = new(
        [Int(XReg.X16), Int(XReg.X17), Int(XReg.X15)],
        [Float(VReg.V31), Float(VReg.V30)]);

    /// <summary>Out-of-bounds accesses fault on guard pages (see <see cref="TrapSignals"/>): no explicit check.</summary>
    public override bool GuardPages { get; }

    public Arm64MacroAssembler(bool guardPages = false)
    {
        GuardPages = guardPages;
        _a = new Arm64Assembler();
    }

    public Arm64Assembler Assembler => _a;
    public override CodeBuffer Buffer => _a.Buffer;
    public override LabelTable Labels => _labels;
    public override ReadOnlySpan<Reg> IntRegs => _ints;
    public override ReadOnlySpan<Reg> FloatRegs => Floats;
    public override ScratchPool Scratches => _scratch;
    /// <summary>Above the frame record (x29, x30).</summary>
    public override int IncomingAreaOffset => 16;
    public override int FrameHeaderSize => 16;

    private static XReg X(Reg r) => (XReg)r.Id;
    private static VReg V(Reg r) => (VReg)r.Id;
    private static Reg Int(XReg x) => new((byte)x, RegClass.Int);
    private static Reg Float(VReg v) => new((byte)v, RegClass.Float);
    private static XReg Tmp(in ScratchScope s) => X(s.Int());
    private static VReg FTmp(in ScratchScope s) => V(s.Float());
    private static RegWidth W(bool is64) => is64 ? RegWidth.X : RegWidth.W;
    private static FpSize F(bool is64) => is64 ? FpSize.D : FpSize.S;
    private static bool Is64(ValType t) => t is not (ValType.I32 or ValType.F32);

    // ---- frame ------------------------------------------------------------------------------------------

    /// <summary>Every instruction is a 4-byte word and functions need no more alignment.</summary>
    public override void AlignFunction() { }

    public override FramePatch Prologue(Label stackOverflow)
    {
        _a.Stp(RegWidth.X, Fp, Arm64Abi.LinkRegister, XReg.Sp, -16, AddrMode.PreIndex);
        _a.Mov(RegWidth.X, Fp, XReg.Sp);
        using var s = Scratch();
        XReg size = Tmp(s), limit = Tmp(s);
        // the frame size (patched once known) in movz/movk: frames may exceed add/sub's 24 bits of immediate
        int patch = _a.Position;
        _a.Movz(RegWidth.X, size, 0);
        _a.Movk(RegWidth.X, size, 0, 16);
        _a.AddSubExt(AddSubOp.Sub, RegWidth.X, limit, XReg.Sp, size, Extend.Uxtx);
        _a.Mem(MemOp.LdrX, size, Vmctx, VMOffsets.VmctxRuntime);
        _a.Mem(MemOp.LdrX, size, size, VMOffsets.RuntimeStackLimit);
        _a.Cmp(RegWidth.X, limit, size);
        BCond(Cond.Lo, stackOverflow);
        _a.Mov(RegWidth.X, XReg.Sp, limit);
        _a.Mem(MemOp.StrX, Vmctx, Fp, SavedVmctx);
        return new FramePatch(patch, patch + 4);
    }

    /// <summary>Fills the 16-bit fields of the prologue's movz/movk pair.</summary>
    public override void PatchFrameSize(FramePatch patch, int frameSize)
    {
        const uint field = 0xFFFFu << 5;
        uint size = (uint)frameSize;
        Buffer.Patch32(patch.First, ((uint)Buffer.Read32(patch.First) & ~field) | (size & 0xFFFF) << 5);
        Buffer.Patch32(patch.Second, ((uint)Buffer.Read32(patch.Second) & ~field) | (size >> 16) << 5);
    }

    public override void Epilogue()
    {
        _a.Mov(RegWidth.X, XReg.Sp, Fp);
        _a.Ldp(RegWidth.X, Fp, Arm64Abi.LinkRegister, XReg.Sp, 16, AddrMode.PostIndex);
        _a.Ret();
    }

    public override void ChargeStackHeight(int cost, Label exhausted)
    {
        // the budget is written even on the failing path: the store restores it after any trap
        Island();
        using var s = Scratch();
        XReg runtime = Tmp(s), left = Tmp(s), amount = Tmp(s);
        _a.Mem(MemOp.LdrX, runtime, Vmctx, VMOffsets.VmctxRuntime);
        _a.Mem(MemOp.LdrW, left, runtime, VMOffsets.RuntimeStackHeightLeft);
        _a.MovImm(RegWidth.W, amount, (uint)cost);
        _a.AddSub(AddSubOp.Subs, RegWidth.W, left, left, amount);
        _a.Mem(MemOp.StrW, left, runtime, VMOffsets.RuntimeStackHeightLeft);
        BCond(Cond.Lt, exhausted);
    }

    public override void RefundStackHeight(int cost)
    {
        using var s = Scratch();
        XReg runtime = Tmp(s), left = Tmp(s), amount = Tmp(s);
        _a.Mem(MemOp.LdrX, runtime, Vmctx, VMOffsets.VmctxRuntime);
        _a.Mem(MemOp.LdrW, left, runtime, VMOffsets.RuntimeStackHeightLeft);
        _a.MovImm(RegWidth.W, amount, (uint)cost);
        _a.Add(RegWidth.W, left, left, amount);
        _a.Mem(MemOp.StrW, left, runtime, VMOffsets.RuntimeStackHeightLeft);
    }

    public override void LoopCheck(Label stackOverflow)
    {
        using var s = Scratch();
        var limit = Tmp(s);
        // the context's copy of the stop request (VMContext.LoopLimit): one load fewer than the runtime state's limit
        _a.Mem(MemOp.LdrX, limit, Vmctx, VMOffsets.VmctxLoopLimit);
        // cmp sp, limit: only the extended-register form takes sp
        _a.AddSubExt(AddSubOp.Subs, RegWidth.X, XReg.Zr, XReg.Sp, limit, Extend.Uxtx);
        BCond(Cond.Lo, stackOverflow);
    }

    public override void ZeroFrame(int from, int bytes)
    {
        if (bytes <= 128)
        {
            for (int i = 0; i < bytes; i += 8) StoreWord(XReg.Zr, Addr.Frame(from + i));
            return;
        }
        // a loop of post-indexed pairs, then the odd word
        using var s = Scratch();
        XReg p = Tmp(s), n = Tmp(s);
        _a.MovImm(RegWidth.X, p, (ulong)(long)-from);
        _a.Sub(RegWidth.X, p, Fp, p);
        _a.MovImm(RegWidth.X, n, (ulong)(bytes / 16));
        int loop = _a.Position;
        _a.Stp(RegWidth.X, XReg.Zr, XReg.Zr, p, 16, AddrMode.PostIndex);
        _a.AddSubImm(AddSubOp.Subs, RegWidth.X, n, n, 1);
        _a.BCond(Cond.Ne, loop);
        if (bytes % 16 != 0) _a.Mem(MemOp.StrX, XReg.Zr, p, 0);
    }

    // ---- moves --------------------------------------------------------------------------------------------

    public override void LoadImm(ValType t, Reg dst, ulong bits)
    {
        Island();
        if (dst.Class == RegClass.Int)
        {
            _a.MovImm(W(Is64(t)), X(dst), bits);
            return;
        }
        FloatConst(Is64(t), V(dst), bits);
    }

    public override void Move(ValType t, Reg dst, Reg src)
    {
        if (dst == src) return;
        if (dst.Class == RegClass.Int) _a.Mov(RegWidth.X, X(dst), X(src));
        else if (t == ValType.V128) _a.VecMov(V(dst), V(src));
        else _a.FpUnary(FpUnaryOp.Fmov, FpSize.D, V(dst), V(src));
    }

    public override void Load(ValType t, Reg dst, Addr src)
    {
        Island();
        if (dst.Class == RegClass.Int) IntAccess(Is64(t) ? MemOp.LdrX : MemOp.LdrW, X(dst), src);
        else FloatAccess(FpLoad(t), V(dst), src);
    }

    public override void Store(ValType t, Addr dst, Reg src)
    {
        Island();
        if (src.Class == RegClass.Int) IntAccess(Is64(t) ? MemOp.StrX : MemOp.StrW, X(src), dst);
        else FloatAccess(FpStore(t), V(src), dst);
    }

    /// <summary>The s, d or q load/store of a float-class value (v128 spills whole: AAPCS64 keeps only d8–d15's low halves).</summary>
    private static FpMemOp FpLoad(ValType t) => t == ValType.V128 ? FpMemOp.LdrQ : Is64(t) ? FpMemOp.LdrD : FpMemOp.LdrS;
    private static FpMemOp FpStore(ValType t) => t == ValType.V128 ? FpMemOp.StrQ : Is64(t) ? FpMemOp.StrD : FpMemOp.StrS;

    public override void StoreImm(ValType t, Addr dst, ulong bits)
    {
        Island();
        bool is64 = Is64(t);
        if (!is64) bits &= uint.MaxValue;
        if (bits == 0)
        {
            IntAccess(is64 ? MemOp.StrX : MemOp.StrW, XReg.Zr, dst);
            return;
        }
        using var s = Scratch();
        var tmp = Tmp(s);
        _a.MovImm(W(is64), tmp, bits);
        IntAccess(is64 ? MemOp.StrX : MemOp.StrW, tmp, dst);
    }

    public override void Copy(ValType t, Addr dst, Addr src)
    {
        Island();
        using var s = Scratch();
        if (t == ValType.V128)
        {
            var v = FTmp(s);
            FloatAccess(FpMemOp.LdrQ, v, src);
            FloatAccess(FpMemOp.StrQ, v, dst);
            return;
        }
        var tmp = Tmp(s);
        IntAccess(MemOp.LdrX, tmp, src);
        IntAccess(MemOp.StrX, tmp, dst);
    }

    private void StoreWord(XReg value, Addr dst) => IntAccess(MemOp.StrX, value, dst);

    private static XReg BaseOf(Addr a) => a.Base switch
    {
        AddrBase.FramePointer => Fp,
        AddrBase.StackPointer => XReg.Sp,
        _ => X(a.Register),
    };

    /// <summary>A load or store at a frame, stack or register address; an offset no immediate form encodes goes
    /// through a scratch index register.</summary>
    private void IntAccess(MemOp op, XReg rt, Addr a)
    {
        if (Arm64Assembler.IsEncodableOffset(op.SizeLog2(), a.Offset))
        {
            _a.Mem(op, rt, BaseOf(a), a.Offset);
            return;
        }
        using var s = Scratch();
        _a.MemIndexed(op, rt, BaseOf(a), OffsetRegister(a, s));
    }

    private void FloatAccess(FpMemOp op, VReg rt, Addr a)
    {
        if (Arm64Assembler.IsEncodableOffset(op.SizeLog2(), a.Offset))
        {
            _a.Mem(op, rt, BaseOf(a), a.Offset);
            return;
        }
        using var s = Scratch();
        _a.MemIndexed(op, rt, BaseOf(a), OffsetRegister(a, s));
    }

    /// <summary>The offset of <paramref name="a"/> in a scratch register of <paramref name="s"/>.</summary>
    private XReg OffsetRegister(Addr a, in ScratchScope s)
    {
        var index = Tmp(s);
        _a.MovImm(RegWidth.X, index, (ulong)(long)a.Offset);
        return index;
    }

    /// <summary>A float constant by its bits: zero from xzr, fmov's 8-bit immediates directly, the rest through a
    /// scratch register.</summary>
    private void FloatConst(bool is64, VReg dst, ulong bits)
    {
        if (bits == 0)
        {
            _a.FmovFromGpr(W(is64), dst, XReg.Zr);
            return;
        }
        double value = is64 ? BitConverter.UInt64BitsToDouble(bits) : BitConverter.UInt32BitsToSingle((uint)bits);
        // fmov's immediates are never NaN or -0, so a value match is a bit match
        if (!double.IsNaN(value) && _a.TryFmovImm(F(is64), dst, value)) return;
        using var s = Scratch();
        var tmp = Tmp(s);
        _a.MovImm(W(is64), tmp, bits);
        _a.FmovFromGpr(W(is64), dst, tmp);
    }

    // ---- branches to labels -------------------------------------------------------------------------------

    /// <summary>Places an island of veneers (jumped over) when a pending short branch would otherwise fall out of
    /// reach before the next check; called at the start of every operation that emits code.</summary>
    /// <param name="reserveWords">Words about to be emitted that no island may split (a jump table).</param>
    private void Island(int reserveWords = 0)
    {
        int margin = IslandMargin + 4 * reserveWords;
        if (!_labels.VeneersDue(_a.Position, margin)) return;
        int over = _a.B(_a.Position);
        // route every pending short branch, not just the ones due: otherwise the next one is due a few words later,
        // and each of many islands would walk all pending branches again (quadratic in a long function)
        _labels.EmitVeneers(Buffer, ShortReach);
        Arm64Branches.TryPatch(Buffer, over, _a.Position, Arm64BranchKind.Imm26);
    }

    private int IslandMargin => SequenceMargin + 4 * _labels.PendingFixupCount;

    /// <summary>The reach of b.cond/cbz: a horizon this far ahead takes in every pending short branch.</summary>
    private static readonly int ShortReach = Arm64Branches.MaxForward(Arm64BranchKind.Imm19) + 4;

    private void B(Label target)
    {
        Island();
        if (_labels.IsBound(target))
        {
            _a.B(_labels.OffsetOf(target));
            return;
        }
        int at = _a.B(_a.Position);
        _labels.Reference(target, Buffer, at, at, FixupKind.Arm64Imm26);
    }

    private void BCond(Cond c, Label target) => ShortBranch(ShortBranchKind.Cond, c, RegWidth.X, XReg.Zr, target);

    private void Cbz(bool nonZero, RegWidth w, XReg r, Label target) =>
        ShortBranch(nonZero ? ShortBranchKind.Cbnz : ShortBranchKind.Cbz, Cond.Al, w, r, target);

    private enum ShortBranchKind : byte { Cond, Cbz, Cbnz }

    /// <summary>b.cond/cbz/cbnz (±1 MiB) to a label: a bound label out of reach gets the inverted branch over a
    /// <c>b</c>; a forward one is patched when bound, through a veneer if it has to (<see cref="Island"/>).</summary>
    private void ShortBranch(ShortBranchKind kind, Cond c, RegWidth w, XReg r, Label target)
    {
        Island();
        if (_labels.IsBound(target))
        {
            int t = _labels.OffsetOf(target);
            if (Arm64Branches.IsInRange(Arm64BranchKind.Imm19, (long)t - _a.Position))
            {
                EmitShort(kind, c, w, r, t, invert: false);
                return;
            }
            EmitShort(kind, c, w, r, _a.Position + 8, invert: true);
            _a.B(t);
            return;
        }
        int at = EmitShort(kind, c, w, r, _a.Position, invert: false);
        _labels.Reference(target, Buffer, at, at, FixupKind.Arm64Imm19);
    }

    private int EmitShort(ShortBranchKind kind, Cond c, RegWidth w, XReg r, int target, bool invert) => kind switch
    {
        ShortBranchKind.Cond => _a.BCond(invert ? c.Invert() : c, target),
        ShortBranchKind.Cbz => invert ? _a.Cbnz(w, r, target) : _a.Cbz(w, r, target),
        _ => invert ? _a.Cbz(w, r, target) : _a.Cbnz(w, r, target),
    };

    // ---- traps --------------------------------------------------------------------------------------------

    public override void TrapStub(Label label, TrapKind kind)
    {
        Island();
        Bind(label);
        _a.MovImm(RegWidth.W, XReg.X0, (ulong)(int)kind);
        JumpToUnwind();
    }

    public override void StatusTrapStub(Label label, Reg status)
    {
        Island();
        Bind(label);
        if (X(status) != XReg.X0) _a.Mov(RegWidth.W, XReg.X0, X(status));
        JumpToUnwind();
    }

    public override int TrapSite(Label site, int stubOffset)
    {
        Island();
        Bind(site);
        int position = _a.Position;
        _a.Bl(stubOffset);
        return position;
    }

    /// <summary>Hands the trap (code in w0; in x1 the address of the site that called the stub, from the link
    /// register) to the engine's unwinder, found in the runtime's table like any libcall. Trap stubs run where
    /// nothing is live: x0 and x1 are free.</summary>
    private void JumpToUnwind()
    {
        _a.SubImm(RegWidth.X, XReg.X1, Arm64Abi.LinkRegister, 1);
        using var s = Scratch();
        var table = Tmp(s);
        _a.Mem(MemOp.LdrX, table, Vmctx, VMOffsets.VmctxLibcallTable);
        _a.Mem(MemOp.LdrX, table, table, (int)LibcallId.TrapUnwind * 8);
        _a.Br(table);
    }

    public override void TrapIfStatus(Reg status, Label trapWithStatus) => Cbz(true, RegWidth.W, X(status), trapWithStatus);
}
