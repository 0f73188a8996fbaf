using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

// 128-bit SIMD: loads and stores of memory 0, with the same bounds checking as the scalar accesses.
internal sealed partial class X64MacroAssembler
{
    /// <summary>The operand <c>[membase + addr + offset]</c> for a <paramref name="size"/>-byte access, after the
    /// explicit bounds check unless guard pages catch it. Uses rax (the address) and rcx, which the caller holds.</summary>
    private Mem SimdAddress(Reg addr, ulong offset, int size, Label outOfBounds)
    {
        _a.Mov(OperandSize.S32, Gpr.Rax, G(addr));
        if (!GuardPages)
        {
            ulong end = offset + (ulong)size;
            if (end <= int.MaxValue) _a.Lea(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rax, (int)end));
            else
            {
                _a.Mov(OperandSize.S64, Gpr.Rcx, (long)end);
                _a.Add(OperandSize.S64, Gpr.Rcx, Gpr.Rax);
            }
            _a.Cmp(OperandSize.S64, Gpr.Rcx, Mem.At(Vmctx, Runtime.VMOffsets.VmctxMemoryLength));
            _a.Jcc(Cond.A, outOfBounds);
        }
        if (offset <= int.MaxValue) return Mem.At(MemBase, Gpr.Rax, 1, (int)offset);
        _a.Mov(OperandSize.S64, Gpr.Rcx, (long)offset);
        _a.Add(OperandSize.S64, Gpr.Rax, Gpr.Rcx);
        return Mem.At(MemBase, Gpr.Rax, 1, 0);
    }

    /// <summary>Two-operand instruction with a memory source (pmovsx/zx m64, movq, movddup).</summary>
    private void U(SseOp op, Xmm d, Mem m)
    {
        if (Avx) _a.Avx(op, d, m);
        else _a.Sse(op, d, m);
    }

    public override void V128Load(V128LoadOp op, Reg dst, Reg addr, ulong offset, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        var m = SimdAddress(addr, offset, op.Size(), outOfBounds);
        var d = X(dst);
        switch (op)
        {
            case V128LoadOp.V128Load: LoadV128(d, m); return;
            case V128LoadOp.V128Load8x8S: U(SseOp.Pmovsxbw, d, m); return;
            case V128LoadOp.V128Load8x8U: U(SseOp.Pmovzxbw, d, m); return;
            case V128LoadOp.V128Load16x4S: U(SseOp.Pmovsxwd, d, m); return;
            case V128LoadOp.V128Load16x4U: U(SseOp.Pmovzxwd, d, m); return;
            case V128LoadOp.V128Load32x2S: U(SseOp.Pmovsxdq, d, m); return;
            case V128LoadOp.V128Load32x2U: U(SseOp.Pmovzxdq, d, m); return;
            case V128LoadOp.V128Load8Splat:
            {
                _a.Movzx(OperandSize.S32, Gpr.Rcx, OperandSize.S8, m);
                using var s = Scratch();
                var zero = X(s.Float());
                MovdToXmm(d, Gpr.Rcx, false);
                Zero(zero);
                V(SseOp.Pshufb, d, d, zero);
                return;
            }
            case V128LoadOp.V128Load16Splat:
                _a.Movzx(OperandSize.S32, Gpr.Rcx, OperandSize.S16, m);
                MovdToXmm(d, Gpr.Rcx, false);
                U(SseOp.Pshuflw, d, d, 0);
                U(SseOp.Pshufd, d, d, 0);
                return;
            case V128LoadOp.V128Load32Splat:
                FloatLoad(false, d, m);
                U(SseOp.Pshufd, d, d, 0);
                return;
            case V128LoadOp.V128Load64Splat: U(SseOp.Movddup, d, m); return;
            case V128LoadOp.V128Load32Zero: FloatLoad(false, d, m); return;
            default: U(SseOp.Movq, d, m); return; // V128Load64Zero
        }
    }

    public override void V128Store(Reg value, Reg addr, ulong offset, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        StoreV128(SimdAddress(addr, offset, 16, outOfBounds), X(value));
    }

    public override void V128LoadLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        var m = SimdAddress(addr, offset, laneBytes, outOfBounds);
        var v = X(vec);
        const Gpr t = Gpr.Rcx;
        switch (laneBytes)
        {
            case 1: _a.Movzx(OperandSize.S32, t, OperandSize.S8, m); break;
            case 2: _a.Movzx(OperandSize.S32, t, OperandSize.S16, m); break;
            case 4: _a.Mov(OperandSize.S32, t, m); break;
            default: _a.Mov(OperandSize.S64, t, m); break;
        }
        switch (laneBytes)
        {
            case 1: if (Avx) _a.Vpinsrb(v, v, t, lane); else _a.Pinsrb(v, t, lane); return;
            case 2: if (Avx) _a.Vpinsrw(v, v, t, lane); else _a.Pinsrw(v, t, lane); return;
            case 4: if (Avx) _a.Vpinsrd(v, v, t, lane); else _a.Pinsrd(v, t, lane); return;
            default: if (Avx) _a.Vpinsrq(v, v, t, lane); else _a.Pinsrq(v, t, lane); return;
        }
    }

    public override void V128StoreLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds)
    {
        using var held = Holding(Int(Gpr.Rax), Int(Gpr.Rcx));
        var m = SimdAddress(addr, offset, laneBytes, outOfBounds);
        var v = X(vec);
        const Gpr t = Gpr.Rcx;
        switch (laneBytes)
        {
            case 1:
                if (Avx) _a.Vpextrb(t, v, lane); else _a.Pextrb(t, v, lane);
                _a.Mov(OperandSize.S8, m, t);
                return;
            case 2:
                if (Avx) _a.Vpextrw(t, v, lane); else _a.Pextrw(t, v, lane);
                _a.Mov(OperandSize.S16, m, t);
                return;
            case 4:
                if (Avx) _a.Vpextrd(t, v, lane); else _a.Pextrd(t, v, lane);
                _a.Mov(OperandSize.S32, m, t);
                return;
            default:
                if (Avx) _a.Vpextrq(t, v, lane); else _a.Pextrq(t, v, lane);
                _a.Mov(OperandSize.S64, m, t);
                return;
        }
    }
}
