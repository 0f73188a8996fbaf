using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

// 128-bit SIMD: shared helpers, constants, lanes and shuffles. Every sequence is written once against the helpers
// below, which emit the VEX three-operand form with AVX and the legacy two-operand form (plus the moves it needs)
// on SSE4.2, so both paths run the same algorithm. Only SSE4.2 instructions are used (no AVX2), so the AVX path is
// the SSE4.2 path in VEX encoding.
internal sealed partial class X64MacroAssembler
{
    public override bool SupportsSimd => true;

    // ---- three-operand helpers ------------------------------------------------------------------------------

    /// <summary><c>d = op(l, r)</c>. On SSE a <paramref name="d"/> equal to <paramref name="r"/> alone is handled by
    /// swapping (<paramref name="commutative"/>) or by copying <paramref name="r"/> to a scratch register.</summary>
    private void V(SseOp op, Xmm d, Xmm l, Xmm r, bool commutative = false)
    {
        if (Avx)
        {
            _a.Avx(op, d, l, r);
            return;
        }
        if (d == r && d != l)
        {
            if (commutative)
            {
                _a.Sse(op, d, l);
                return;
            }
            using var s = Scratch();
            var t = X(s.Float());
            MoveXmm(t, r);
            MoveXmm(d, l);
            _a.Sse(op, d, t);
            return;
        }
        MoveXmm(d, l);
        _a.Sse(op, d, r);
    }

    /// <summary>Commutative <c>d = op(l, r)</c>.</summary>
    private void VC(SseOp op, Xmm d, Xmm l, Xmm r) => V(op, d, l, r, commutative: true);

    private void V(SseOp op, Xmm d, Xmm l, Xmm r, int imm)
    {
        if (Avx)
        {
            _a.Avx(op, d, l, r, imm);
            return;
        }
        if (d == r && d != l)
        {
            using var s = Scratch();
            var t = X(s.Float());
            MoveXmm(t, r);
            MoveXmm(d, l);
            _a.Sse(op, d, t, imm);
            return;
        }
        MoveXmm(d, l);
        _a.Sse(op, d, r, imm);
    }

    /// <summary><c>d = op(l, [m])</c>; legacy SSE needs <paramref name="m"/> 16-byte aligned (the constant pool is).</summary>
    private void V(SseOp op, Xmm d, Xmm l, Mem m)
    {
        if (Avx)
        {
            _a.Avx(op, d, l, m);
            return;
        }
        MoveXmm(d, l);
        _a.Sse(op, d, m);
    }

    /// <summary>Two-operand instructions that write all of <paramref name="d"/> from <paramref name="s"/>
    /// (pabs*, pmovsx/zx*, sqrtps, cvt*).</summary>
    private void U(SseOp op, Xmm d, Xmm s)
    {
        if (Avx) _a.Avx(op, d, s);
        else _a.Sse(op, d, s);
    }

    /// <summary>Two operands and an immediate (pshufd, roundps).</summary>
    private void U(SseOp op, Xmm d, Xmm s, int imm)
    {
        if (Avx) _a.Avx(op, d, s, imm);
        else _a.Sse(op, d, s, imm);
    }

    /// <summary>Shift by an immediate (the <c>...Imm</c> ops): <c>d = s shifted by imm</c>.</summary>
    private void ShiftBy(SseOp op, Xmm d, Xmm s, int imm)
    {
        if (Avx)
        {
            _a.Avx(op, d, s, imm);
            return;
        }
        MoveXmm(d, s);
        _a.Sse(op, d, imm);
    }

    private void Zero(Xmm x) => V(SseOp.Pxor, x, x, x);

    private void AllOnes(Xmm x) => V(SseOp.Pcmpeqd, x, x, x);

    private void Not(Xmm d, Xmm s, Xmm scratch)
    {
        AllOnes(scratch);
        VC(SseOp.Pxor, d, s, scratch);
    }

    private void MovdToXmm(Xmm d, Gpr s, bool is64) => GprToXmm(is64, d, s);

    // ---- constant pool --------------------------------------------------------------------------------------

    /// <summary>This function's 128-bit constants, written 16-byte aligned after its code by
    /// <see cref="FinishFunction"/> and addressed RIP-relative.</summary>
    private readonly Dictionary<(ulong Lo, ulong Hi), Label> _pool = new();
    private readonly List<(ulong Lo, ulong Hi, Label Label)> _poolOrder = new();

    private Mem Const(ulong lo, ulong hi)
    {
        if (!_pool.TryGetValue((lo, hi), out var label))
        {
            label = _a.CreateLabel();
            _pool[(lo, hi)] = label;
            _poolOrder.Add((lo, hi, label));
        }
        return Mem.Rip(label);
    }

    private Mem Splat8(byte b) => Splat64(0x0101_0101_0101_0101UL * b);
    private Mem Splat16(ushort h) => Splat64(0x0001_0001_0001_0001UL * h);
    private Mem Splat32(uint w) => Splat64(((ulong)w << 32) | w);
    private Mem Splat64(ulong q) => Const(q, q);

    public override void FinishFunction()
    {
        if (_poolOrder.Count > 0)
        {
            _a.Align(16);
            Span<byte> bytes = stackalloc byte[16];
            foreach (var (lo, hi, label) in _poolOrder)
            {
                _a.Bind(label);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, lo);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], hi);
                _a.EmitBytes(bytes);
            }
        }
        ClearPool();
    }

    private void ClearPool()
    {
        _pool.Clear();
        _poolOrder.Clear();
    }

    // ---- moves and constants --------------------------------------------------------------------------------

    private void LoadV128(Xmm d, Mem m)
    {
        if (Avx) _a.Avx(SseOp.Movdqu, d, m);
        else _a.Sse(SseOp.Movdqu, d, m);
    }

    private void StoreV128(Mem m, Xmm s)
    {
        if (Avx) _a.Avx(SseOp.MovdquStore, m, s);
        else _a.Sse(SseOp.MovdquStore, m, s);
    }

    public override void V128Const(Reg dst, ulong lo, ulong hi)
    {
        var d = X(dst);
        if (lo == 0 && hi == 0) Zero(d);
        else if (lo == ulong.MaxValue && hi == ulong.MaxValue) AllOnes(d);
        else LoadV128(d, Const(lo, hi));
    }

    public override void V128Bitselect(Reg dst, Reg a, Reg b, Reg mask)
    {
        using var s = Scratch();
        Xmm t1 = X(s.Float()), t2 = X(s.Float());
        VC(SseOp.Pand, t1, X(a), X(mask));
        V(SseOp.Pandn, t2, X(mask), X(b));
        VC(SseOp.Por, X(dst), t1, t2);
    }

    public override void V128Shuffle(Reg dst, Reg lhs, Reg rhs, ulong lanesLo, ulong lanesHi)
    {
        Xmm d = X(dst), l = X(lhs), r = X(rhs);
        // pshufb zeroes a lane whose index has bit 7 set: one mask picks lhs's lanes, the other rhs's
        ulong fromL0 = 0, fromL1 = 0, fromR0 = 0, fromR1 = 0;
        for (int i = 0; i < 8; i++)
        {
            ulong a = (lanesLo >> (i * 8)) & 0x1F, b = (lanesHi >> (i * 8)) & 0x1F;
            fromL0 |= (a < 16 ? a : 0x80) << (i * 8);
            fromR0 |= (a >= 16 ? a - 16 : 0x80) << (i * 8);
            fromL1 |= (b < 16 ? b : 0x80) << (i * 8);
            fromR1 |= (b >= 16 ? b - 16 : 0x80) << (i * 8);
        }
        if (l == r)
        {
            ulong m0 = 0, m1 = 0;
            for (int i = 0; i < 8; i++)
            {
                m0 |= ((lanesLo >> (i * 8)) & 0x0F) << (i * 8);
                m1 |= ((lanesHi >> (i * 8)) & 0x0F) << (i * 8);
            }
            V(SseOp.Pshufb, d, l, Const(m0, m1));
            return;
        }
        using var s = Scratch();
        var t = X(s.Float());
        V(SseOp.Pshufb, t, r, Const(fromR0, fromR1));
        V(SseOp.Pshufb, d, l, Const(fromL0, fromL1));
        VC(SseOp.Por, d, d, t);
    }

    // ---- lanes ----------------------------------------------------------------------------------------------

    public override void V128Splat(LaneShape shape, Reg dst, Reg src)
    {
        var d = X(dst);
        switch (shape)
        {
            case LaneShape.I8x16:
            {
                using var s = Scratch();
                var zero = X(s.Float());
                MovdToXmm(d, G(src), false);
                Zero(zero);
                V(SseOp.Pshufb, d, d, zero);
                return;
            }
            case LaneShape.I16x8:
                MovdToXmm(d, G(src), false);
                U(SseOp.Pshuflw, d, d, 0);
                U(SseOp.Pshufd, d, d, 0);
                return;
            case LaneShape.I32x4:
                MovdToXmm(d, G(src), false);
                U(SseOp.Pshufd, d, d, 0);
                return;
            case LaneShape.I64x2:
                MovdToXmm(d, G(src), true);
                U(SseOp.Pshufd, d, d, 0x44);
                return;
            case LaneShape.F32x4:
                U(SseOp.Pshufd, d, X(src), 0);
                return;
            default:
                U(SseOp.Pshufd, d, X(src), 0x44);
                return;
        }
    }

    public override void V128ExtractLane(LaneShape shape, bool signed, Reg dst, Reg src, int lane)
    {
        var s = X(src);
        switch (shape)
        {
            case LaneShape.I8x16:
                if (Avx) _a.Vpextrb(G(dst), s, lane); else _a.Pextrb(G(dst), s, lane);
                if (signed) _a.Movsx(OperandSize.S32, G(dst), OperandSize.S8, G(dst));
                return;
            case LaneShape.I16x8:
                if (Avx) _a.Vpextrw(G(dst), s, lane); else _a.Pextrw(G(dst), s, lane);
                if (signed) _a.Movsx(OperandSize.S32, G(dst), OperandSize.S16, G(dst));
                return;
            case LaneShape.I32x4:
                if (lane == 0) XmmToGpr(false, G(dst), s);
                else if (Avx) _a.Vpextrd(G(dst), s, lane);
                else _a.Pextrd(G(dst), s, lane);
                return;
            case LaneShape.I64x2:
                if (lane == 0) XmmToGpr(true, G(dst), s);
                else if (Avx) _a.Vpextrq(G(dst), s, lane);
                else _a.Pextrq(G(dst), s, lane);
                return;
            case LaneShape.F32x4:
                // a scalar f32 is the register's low lane; the others are don't-care
                if (lane == 0) MoveXmm(X(dst), s);
                else U(SseOp.Pshufd, X(dst), s, lane);
                return;
            default:
                if (lane == 0) MoveXmm(X(dst), s);
                else U(SseOp.Pshufd, X(dst), s, 0xEE);
                return;
        }
    }

    public override void V128ReplaceLane(LaneShape shape, Reg dst, Reg vec, Reg value, int lane)
    {
        Xmm d = X(dst), v = X(vec);
        switch (shape)
        {
            case LaneShape.F32x4:
                V(SseOp.Insertps, d, v, X(value), lane << 4);
                return;
            case LaneShape.F64x2:
                if (lane == 0) V(SseOp.Blendpd, d, v, X(value), 1);
                else V(SseOp.Unpcklpd, d, v, X(value));
                return;
        }
        var g = G(value);
        if (Avx)
        {
            switch (shape)
            {
                case LaneShape.I8x16: _a.Vpinsrb(d, v, g, lane); return;
                case LaneShape.I16x8: _a.Vpinsrw(d, v, g, lane); return;
                case LaneShape.I32x4: _a.Vpinsrd(d, v, g, lane); return;
                default: _a.Vpinsrq(d, v, g, lane); return;
            }
        }
        MoveXmm(d, v);
        switch (shape)
        {
            case LaneShape.I8x16: _a.Pinsrb(d, g, lane); return;
            case LaneShape.I16x8: _a.Pinsrw(d, g, lane); return;
            case LaneShape.I32x4: _a.Pinsrd(d, g, lane); return;
            default: _a.Pinsrq(d, g, lane); return;
        }
    }

    public override void V128CanonicalizeNaN(bool is64, Reg value)
    {
        using var s = Scratch();
        var v = X(value);
        var nan = X(s.Float());
        // nan = lanes that are NaN; v = (v & ~nan) | (canonical & nan)
        V(is64 ? SseOp.Cmppd : SseOp.Cmpps, nan, v, v, 3);
        V(SseOp.Pandn, v, nan, v);
        V(SseOp.Pand, nan, nan, is64 ? Splat64(0x7FF8_0000_0000_0000UL) : Splat32(0x7FC0_0000));
        VC(SseOp.Por, v, v, nan);
    }
}
