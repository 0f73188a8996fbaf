using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

/// <summary>
/// x86-64 lowering of the generator's operators. Register roles: r14 holds the VM context and r15 memory 0's base
/// for the whole function; rax, r11, rcx, rdx, xmm15 and xmm14 are scratch (handed out by <see cref="MacroAssembler.Scratch"/>;
/// rcx, rdx and rax are also the fixed operands of shifts, divisions and string moves, taken by name); the rest are
/// allocatable (but r13, which holds the fuel when the engine meters). x86 is two-operand: a three-operand operation whose <c>dst</c> is not <c>lhs</c> gets a move first.
/// With <see cref="Avx"/> set, float operations use VEX encodings; otherwise only SSE up to 4.2.
/// </summary>
internal sealed partial class X64MacroAssembler : MacroAssembler
{
    private static readonly Reg[] Ints =
        [.. new[] { Gpr.Rbx, Gpr.Rsi, Gpr.Rdi, Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R12, Gpr.R13 }.Select(g => new Reg((byte)g, RegClass.Int))];
    private static readonly Reg[] Floats = [.. Enumerable.Range(0, 14).Select(i => new Reg((byte)i, RegClass.Float))];

    private const Gpr Vmctx = Gpr.R14;
    private const Gpr MemBase = Gpr.R15;
    private const Xmm FScratch = Xmm.Xmm15;
    private const Xmm FScratch2 = Xmm.Xmm14;
    /// <summary>Frame-pointer offset where the prologue saves the VM context.</summary>
    private const int SavedVmctx = -8;

    private readonly X64Assembler _a;
    private readonly ScratchPool _scratch = new(
        [Int(Gpr.Rax), Int(Gpr.R11), Int(Gpr.Rcx), Int(Gpr.Rdx)],
        [Float(Xmm.Xmm15), Float(Xmm.Xmm14)]);

    public bool Avx { get; }

    /// <summary>Out-of-bounds accesses fault on guard pages (see <see cref="TrapSignals"/>): no explicit check.</summary>
    public override bool GuardPages { get; }

    /// <summary>The native calling convention of libcalls and the OS's stack rules (see <see cref="X64Abi"/>).</summary>
    public X64Abi Abi { get; }

    public X64MacroAssembler(bool avx, bool guardPages = false, X64Abi? abi = null)
    {
        Avx = avx;
        GuardPages = guardPages;
        Abi = abi ?? X64Abi.SystemV;
        _a = new X64Assembler();
    }

    public X64Assembler Assembler => _a;
    public override CodeBuffer Buffer => _a.Buffer;
    public override LabelTable Labels => _a.Labels;
    public override ReadOnlySpan<Reg> IntRegs => _ints;
    public override ReadOnlySpan<Reg> FloatRegs => Floats;
    public override ScratchPool Scratches => _scratch;
    public override int IncomingAreaOffset => 16;
    public override int FrameHeaderSize => 16;

    private static Gpr G(Reg r) => (Gpr)r.Id;
    private static Reg Int(Gpr g) => new((byte)g, RegClass.Int);
    private static Reg Float(Xmm x) => new((byte)x, RegClass.Float);
    /// <summary>Opens a scope holding <paramref name="regs"/>: scratch registers a sequence names itself (fixed
    /// instruction operands, or its working registers), so that nothing it calls can take them.</summary>
    private ScratchScope Holding(params ReadOnlySpan<Reg> regs)
    {
        var s = Scratch();
        foreach (var r in regs) s.Take(r);
        return s;
    }

    /// <summary>A general-purpose scratch register of <paramref name="s"/>.</summary>
    private static Gpr Tmp(in ScratchScope s) => G(s.Int());
    private static Xmm X(Reg r) => (Xmm)r.Id;
    private static OperandSize Size(bool is64) => is64 ? OperandSize.S64 : OperandSize.S32;
    private static bool Is64(ValType t) => t is not (ValType.I32 or ValType.F32);

    private static Mem M(Addr a) => a.Base switch
    {
        AddrBase.FramePointer => Mem.At(Gpr.Rbp, a.Offset),
        AddrBase.StackPointer => Mem.At(Gpr.Rsp, a.Offset),
        _ => Mem.At(G(a.Register), a.Offset),
    };

    // ---- frame ------------------------------------------------------------------------------------------

    /// <summary>16 bytes: the decoders fetch aligned 16-byte blocks.</summary>
    public override void AlignFunction() => _a.Align(16);

    public override FramePatch Prologue(Label stackOverflow)
    {
        using var s = Scratch();
        ClearPool();
        Gpr runtime = Tmp(s), limit = Tmp(s);
        _a.Push(Gpr.Rbp);
        _a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        _a.Mov(OperandSize.S64, runtime, Mem.At(Vmctx, VMOffsets.VmctxRuntime));
        // lea limit, [rsp - frame]: the displacement is patched once the frame size is known
        _a.Lea(OperandSize.S64, limit, Mem.At(Gpr.Rsp, int.MinValue + 1));
        int leaPatch = _a.Position - 4;
        _a.Cmp(OperandSize.S64, limit, Mem.At(runtime, VMOffsets.RuntimeStackLimit));
        _a.Jcc(Cond.B, stackOverflow);
        if (Abi.IsWindows) ProbeStack(limit, runtime);
        _a.Sub(OperandSize.S64, Gpr.Rsp, int.MaxValue);
        int subPatch = _a.Position - 4;
        _a.Mov(OperandSize.S64, Mem.At(Gpr.Rbp, SavedVmctx), Vmctx);
        return new FramePatch(leaPatch, subPatch);
    }

    /// <summary>Fills the two frame-size fields: the <c>lea</c> of the stack check and the <c>sub rsp</c>.</summary>
    public override void PatchFrameSize(FramePatch patch, int frameSize)
    {
        Buffer.Patch32(patch.First, (uint)-frameSize);
        Buffer.Patch32(patch.Second, (uint)frameSize);
    }

    public override void Epilogue()
    {
        _a.Mov(OperandSize.S64, Gpr.Rsp, Gpr.Rbp);
        _a.Pop(Gpr.Rbp);
        _a.Ret();
    }

    public override void ChargeStackHeight(int cost, Label exhausted)
    {
        // the budget may go negative on the failing path: the store restores it after any trap
        using var s = Scratch();
        var runtime = Tmp(s);
        _a.Mov(OperandSize.S64, runtime, Mem.At(Vmctx, VMOffsets.VmctxRuntime));
        _a.Sub(OperandSize.S32, Mem.At(runtime, VMOffsets.RuntimeStackHeightLeft), cost);
        _a.Jcc(Cond.L, exhausted);
    }

    public override void RefundStackHeight(int cost)
    {
        using var s = Scratch();
        var runtime = Tmp(s);
        _a.Mov(OperandSize.S64, runtime, Mem.At(Vmctx, VMOffsets.VmctxRuntime));
        _a.Add(OperandSize.S32, Mem.At(runtime, VMOffsets.RuntimeStackHeightLeft), cost);
    }

    /// <summary><c>cmp rsp, [vmctx + LoopLimit]; jb</c>: the context's copy of the stop request (see
    /// <see cref="VMContext.LoopLimit"/>), one load fewer than the runtime state's limit.</summary>
    public override void LoopCheck(Label stackOverflow)
    {
        _a.Cmp(OperandSize.S64, Gpr.Rsp, Mem.At(Vmctx, VMOffsets.VmctxLoopLimit));
        _a.Jcc(Cond.B, stackOverflow);
    }

    public override void ZeroFrame(int from, int bytes)
    {
        // rep stosq's operands are fixed: rax (the value), rcx (the count) and rdi
        using var s = Scratch();
        s.Take(Int(Gpr.Rax));
        s.Take(Int(Gpr.Rcx));
        _a.Xor(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        if (bytes <= 128)
        {
            for (int i = 0; i < bytes; i += 8) _a.Mov(OperandSize.S64, Mem.At(Gpr.Rbp, from + i), Gpr.Rax);
            return;
        }
        // rep stosq; rdi and rcx hold no values at function entry
        _a.Lea(OperandSize.S64, Gpr.Rdi, Mem.At(Gpr.Rbp, from));
        _a.Mov(OperandSize.S32, Gpr.Rcx, bytes / 8);
        _a.EmitBytes([0xF3, 0x48, 0xAB]);
    }

    // ---- moves --------------------------------------------------------------------------------------------

    public override void LoadImm(ValType t, Reg dst, ulong bits)
    {
        if (dst.Class == RegClass.Int)
        {
            if (t == ValType.I32) _a.Mov(OperandSize.S32, G(dst), (int)(uint)bits);
            else _a.Mov(OperandSize.S64, G(dst), (long)bits);
            return;
        }
        if (bits == 0)
        {
            FloatOp(SseOp.Xorps, X(dst), X(dst));
            return;
        }
        FloatConst(Is64(t), X(dst), bits);
    }

    public override void Move(ValType t, Reg dst, Reg src)
    {
        if (dst == src) return;
        if (dst.Class == RegClass.Int) _a.Mov(OperandSize.S64, G(dst), G(src));
        else MoveXmm(X(dst), X(src));
    }

    private void MoveXmm(Xmm dst, Xmm src)
    {
        if (dst == src) return;
        if (Avx) _a.Avx(SseOp.Movaps, dst, src);
        else _a.Sse(SseOp.Movaps, dst, src);
    }

    public override void Load(ValType t, Reg dst, Addr src) => LoadMem(t, dst, M(src));

    private void LoadMem(ValType t, Reg dst, Mem m)
    {
        if (dst.Class == RegClass.Int) _a.Mov(Is64(t) ? OperandSize.S64 : OperandSize.S32, G(dst), m);
        else if (t == ValType.V128) LoadV128(X(dst), m);
        else FloatLoad(Is64(t), X(dst), m);
    }

    public override void Store(ValType t, Addr dst, Reg src) => StoreMem(t, M(dst), src);

    private void StoreMem(ValType t, Mem m, Reg src)
    {
        if (src.Class == RegClass.Int) _a.Mov(Is64(t) ? OperandSize.S64 : OperandSize.S32, m, G(src));
        else if (t == ValType.V128) StoreV128(m, X(src));
        else FloatStore(Is64(t), m, X(src));
    }

    public override void StoreImm(ValType t, Addr dst, ulong bits)
    {
        var m = M(dst);
        if (!Is64(t))
        {
            _a.Mov(OperandSize.S32, m, (int)(uint)bits);
            return;
        }
        long v = (long)bits;
        if (v >= int.MinValue && v <= int.MaxValue) _a.Mov(OperandSize.S64, m, (int)v);
        else
        {
            using var s = Scratch();
            var tmp = Tmp(s);
            _a.Mov(OperandSize.S64, tmp, v);
            _a.Mov(OperandSize.S64, m, tmp);
        }
    }

    public override void Copy(ValType t, Addr dst, Addr src)
    {
        using var s = Scratch();
        if (t == ValType.V128)
        {
            var x = X(s.Float());
            LoadV128(x, M(src));
            StoreV128(M(dst), x);
            return;
        }
        var tmp = Tmp(s);
        _a.Mov(OperandSize.S64, tmp, M(src));
        _a.Mov(OperandSize.S64, M(dst), tmp);
    }

    // ---- float helpers ------------------------------------------------------------------------------------

    private void FloatLoad(bool is64, Xmm dst, Mem m)
    {
        var op = is64 ? SseOp.Movsd : SseOp.Movss;
        if (Avx) _a.Avx(op, dst, m);
        else _a.Sse(op, dst, m);
    }

    private void FloatStore(bool is64, Mem m, Xmm src)
    {
        var op = is64 ? SseOp.MovsdStore : SseOp.MovssStore;
        if (Avx) _a.Avx(op, m, src);
        else _a.Sse(op, m, src);
    }

    /// <summary><c>dst = dst op src</c> in SSE, <c>dst = op(dst, src)</c> in AVX.</summary>
    private void FloatOp(SseOp op, Xmm dst, Xmm src)
    {
        if (Avx) _a.Avx(op, dst, dst, src);
        else _a.Sse(op, dst, src);
    }

    private void FloatOp(SseOp op, Xmm dst, Xmm src, int imm)
    {
        if (Avx) _a.Avx(op, dst, dst, src, imm);
        else _a.Sse(op, dst, src, imm);
    }

    /// <summary>ucomiss/ucomisd a, b.</summary>
    private void Ucomi(bool is64, Xmm a, Xmm b)
    {
        var op = is64 ? SseOp.Ucomisd : SseOp.Ucomiss;
        if (Avx) _a.Avx(op, a, b);
        else _a.Sse(op, a, b);
    }

    private void GprToXmm(bool is64, Xmm dst, Gpr src)
    {
        if (Avx)
        {
            if (is64) _a.Vmovq(dst, src); else _a.Vmovd(dst, src);
        }
        else if (is64) _a.Movq(dst, src);
        else _a.Movd(dst, src);
    }

    private void XmmToGpr(bool is64, Gpr dst, Xmm src)
    {
        if (Avx)
        {
            if (is64) _a.Vmovq(dst, src); else _a.Vmovd(dst, src);
        }
        else if (is64) _a.Movq(dst, src);
        else _a.Movd(dst, src);
    }

    /// <summary>Loads a float constant (by its bits) into <paramref name="dst"/> through a scratch register.</summary>
    private void FloatConst(bool is64, Xmm dst, ulong bits)
    {
        using var s = Scratch();
        var tmp = Tmp(s);
        if (is64) _a.Mov(OperandSize.S64, tmp, (long)bits);
        else _a.Mov(OperandSize.S32, tmp, (int)(uint)bits);
        GprToXmm(is64, dst, tmp);
    }

    // ---- traps --------------------------------------------------------------------------------------------

    public override void TrapStub(Label label, TrapKind kind)
    {
        _a.Bind(label);
        using var s = Scratch();
        _a.Mov(OperandSize.S32, G(s.Take(Int(Gpr.Rcx))), (int)kind);
        JumpToUnwind(s);
    }

    public override void StatusTrapStub(Label label, Reg status)
    {
        _a.Bind(label);
        using var s = Scratch();
        _a.Mov(OperandSize.S32, G(s.Take(Int(Gpr.Rcx))), G(status));
        JumpToUnwind(s);
    }

    public override int TrapSite(Label site, int stubOffset)
    {
        _a.Bind(site);
        int position = _a.Position;
        _a.CallRel32(stubOffset);
        return position;
    }

    /// <summary>Hands the trap (code in ecx; in rdx the address of the site that called the stub, taken from the
    /// return address) to the engine's unwinder, found in the runtime's table like any libcall.</summary>
    private void JumpToUnwind(in ScratchScope s)
    {
        var pc = G(s.Take(Int(Gpr.Rdx)));
        _a.Pop(pc);
        _a.Sub(OperandSize.S64, pc, 1);
        var table = Tmp(s);
        _a.Mov(OperandSize.S64, table, Mem.At(Vmctx, VMOffsets.VmctxLibcallTable));
        _a.Jmp(Mem.At(table, (int)LibcallId.TrapUnwind * 8));
    }

    public override void TrapIfStatus(Reg status, Label trapWithStatus)
    {
        _a.Test(OperandSize.S32, G(status), G(status));
        _a.Jcc(Cond.NE, trapWithStatus);
    }
}
