using System.Runtime.CompilerServices;

namespace WasmSharp.Singlepass.X64;

/// <summary>
/// SSE (legacy encoding, destructive <c>dst = dst op src</c>) and AVX (VEX encoding,
/// <c>dst = src1 op src2</c>) forms of the ops in <see cref="SseOp"/>, plus the named
/// instructions that mix general-purpose and xmm registers.
/// </summary>
/// <remarks>
/// Immediates are taken as <c>int</c> (checked to 0..255) so that a literal 0 is not
/// ambiguous with the <see cref="Xmm"/> overloads.
/// </remarks>
internal sealed partial class X64Assembler
{
    // ---- generic legacy SSE ----------------------------------------------------------------

    /// <summary><c>dst = op(dst, src)</c>; for a store-form op (a register move) <c>dst = src</c>.</summary>
    public void Sse(SseOp op, Xmm dst, Xmm src)
    {
        if (op.Form == SseForm.Store)
            SseRR(RequireLegacy(op, SseForm.Store), 0, (int)src, (int)dst);
        else
            SseRR(RequireLegacy(op, SseForm.Load), 0, (int)dst, (int)src);
    }

    public void Sse(SseOp op, Xmm dst, Mem src) => SseRM(RequireLegacy(op, SseForm.Load), 0, (int)dst, src, 0);

    /// <summary>Store-form ops only (<c>...Store</c>): ModRM.reg is the xmm source.</summary>
    public void Sse(SseOp op, Mem dst, Xmm src) => SseRM(RequireLegacy(op, SseForm.Store), 0, (int)src, dst, 0);

    public void Sse(SseOp op, Xmm dst, Xmm src, int imm)
    {
        byte imm8 = Imm8(imm);
        SseRR(RequireLegacy(op, SseForm.Load), 0, (int)dst, (int)src);
        _buf.Emit8(imm8);
    }

    public void Sse(SseOp op, Xmm dst, Mem src, int imm)
    {
        byte imm8 = Imm8(imm);
        SseRM(RequireLegacy(op, SseForm.Load), 0, (int)dst, src, 1);
        _buf.Emit8(imm8);
    }

    /// <summary>Shift-by-immediate ops only (<c>...Imm</c>): the opcode extension sits in ModRM.reg.</summary>
    public void Sse(SseOp op, Xmm dst, int imm)
    {
        byte imm8 = Imm8(imm);
        SseRR(RequireLegacy(op, SseForm.ShiftImm), 0, op.Digit, (int)dst);
        _buf.Emit8(imm8);
    }

    // ---- generic AVX (VEX.128) -------------------------------------------------------------

    /// <summary>Three-operand form: <c>dst = op(src1, src2)</c>, src1 in VEX.vvvv.</summary>
    public void Avx(SseOp op, Xmm dst, Xmm src1, Xmm src2) => AvxRR(Require(op, SseForm.Load), 0, (int)dst, (int)src1, (int)src2);

    public void Avx(SseOp op, Xmm dst, Xmm src1, Mem src2) => AvxRM(Require(op, SseForm.Load), 0, (int)dst, (int)src1, src2, 0);

    /// <summary>
    /// Two-operand form (moves, ucomis*, pmovsx/zx, ptest, pabs*, vsqrtps...): VEX.vvvv unused (1111).
    /// For a store-form op (a register move) <c>dst = src</c>.
    /// </summary>
    public void Avx(SseOp op, Xmm dst, Xmm src)
    {
        if (op.Form == SseForm.Store)
            AvxRR(Require(op, SseForm.Store), 0, (int)src, 0, (int)dst);
        else
            AvxRR(Require(op, SseForm.Load), 0, (int)dst, 0, (int)src);
    }

    public void Avx(SseOp op, Xmm dst, Mem src) => AvxRM(Require(op, SseForm.Load), 0, (int)dst, 0, src, 0);

    /// <summary>Store-form ops only (<c>...Store</c>).</summary>
    public void Avx(SseOp op, Mem dst, Xmm src) => AvxRM(Require(op, SseForm.Store), 0, (int)src, 0, dst, 0);

    public void Avx(SseOp op, Xmm dst, Xmm src1, Xmm src2, int imm)
    {
        byte imm8 = Imm8(imm);
        AvxRR(Require(op, SseForm.Load), 0, (int)dst, (int)src1, (int)src2);
        _buf.Emit8(imm8);
    }

    public void Avx(SseOp op, Xmm dst, Xmm src1, Mem src2, int imm)
    {
        byte imm8 = Imm8(imm);
        AvxRM(Require(op, SseForm.Load), 0, (int)dst, (int)src1, src2, 1);
        _buf.Emit8(imm8);
    }

    /// <summary>
    /// Two operands and an immediate: <c>vpshufd dst, src, imm</c>; for the shift-by-immediate
    /// ops (<c>...Imm</c>) <c>vpsllw dst, src, imm</c>, where dst goes in VEX.vvvv.
    /// </summary>
    public void Avx(SseOp op, Xmm dst, Xmm src, int imm)
    {
        byte imm8 = Imm8(imm);
        if (op.Form == SseForm.ShiftImm)
            AvxRR(Require(op, SseForm.ShiftImm), 0, op.Digit, (int)dst, (int)src);
        else
            AvxRR(Require(op, SseForm.Load), 0, (int)dst, 0, (int)src);
        _buf.Emit8(imm8);
    }

    public void Avx(SseOp op, Xmm dst, Mem src, int imm)
    {
        byte imm8 = Imm8(imm);
        AvxRM(Require(op, SseForm.Load), 0, (int)dst, 0, src, 1);
        _buf.Emit8(imm8);
    }

    /// <summary>Four-operand blends (<see cref="SseForm.Is4"/>): <c>dst = blend(src1, src2, mask src3)</c>.</summary>
    public void Avx(SseOp op, Xmm dst, Xmm src1, Xmm src2, Xmm src3)
    {
        AvxRR(Require(op, SseForm.Is4), 0, (int)dst, (int)src1, (int)src2);
        _buf.Emit8((byte)((int)src3 << 4));
    }

    public void Avx(SseOp op, Xmm dst, Xmm src1, Mem src2, Xmm src3)
    {
        AvxRM(Require(op, SseForm.Is4), 0, (int)dst, (int)src1, src2, 1);
        _buf.Emit8((byte)((int)src3 << 4));
    }

    // ---- gpr <-> xmm moves -----------------------------------------------------------------

    public void Movd(Xmm dst, Gpr src) => SseRR(SseOp.MovdToXmm, 0, (int)dst, (int)src);
    public void Movq(Xmm dst, Gpr src) => SseRR(SseOp.MovdToXmm, RexW, (int)dst, (int)src);
    public void Movd(Gpr dst, Xmm src) => SseRR(SseOp.MovdFromXmm, 0, (int)src, (int)dst);
    public void Movq(Gpr dst, Xmm src) => SseRR(SseOp.MovdFromXmm, RexW, (int)src, (int)dst);

    public void Vmovd(Xmm dst, Gpr src) => AvxRR(SseOp.MovdToXmm, 0, (int)dst, 0, (int)src);
    public void Vmovq(Xmm dst, Gpr src) => AvxRR(SseOp.MovdToXmm, RexW, (int)dst, 0, (int)src);
    public void Vmovd(Gpr dst, Xmm src) => AvxRR(SseOp.MovdFromXmm, 0, (int)src, 0, (int)dst);
    public void Vmovq(Gpr dst, Xmm src) => AvxRR(SseOp.MovdFromXmm, RexW, (int)src, 0, (int)dst);

    // ---- int <-> float conversions ---------------------------------------------------------

    /// <summary>Signed 32- or 64-bit integer to float32 (low lane; the rest of dst is kept).</summary>
    public void Cvtsi2ss(Xmm dst, OperandSize srcSize, Gpr src) => SseRR(SseOp.Cvtsi2ss, GprW(srcSize), (int)dst, (int)src);
    public void Cvtsi2sd(Xmm dst, OperandSize srcSize, Gpr src) => SseRR(SseOp.Cvtsi2sd, GprW(srcSize), (int)dst, (int)src);

    /// <summary>Float to signed 32/64-bit integer, truncating; out of range gives the "integer indefinite" 0x80..0.</summary>
    public void Cvttss2si(OperandSize dstSize, Gpr dst, Xmm src) => SseRR(SseOp.Cvttss2si, GprW(dstSize), (int)dst, (int)src);
    public void Cvttsd2si(OperandSize dstSize, Gpr dst, Xmm src) => SseRR(SseOp.Cvttsd2si, GprW(dstSize), (int)dst, (int)src);

    public void Cvtsi2ss(Xmm dst, OperandSize srcSize, Mem src) => SseRM(SseOp.Cvtsi2ss, GprW(srcSize), (int)dst, src, 0);
    public void Cvtsi2sd(Xmm dst, OperandSize srcSize, Mem src) => SseRM(SseOp.Cvtsi2sd, GprW(srcSize), (int)dst, src, 0);
    public void Cvttss2si(OperandSize dstSize, Gpr dst, Mem src) => SseRM(SseOp.Cvttss2si, GprW(dstSize), (int)dst, src, 0);
    public void Cvttsd2si(OperandSize dstSize, Gpr dst, Mem src) => SseRM(SseOp.Cvttsd2si, GprW(dstSize), (int)dst, src, 0);

    /// <summary>dst = src1 with its low lane replaced by the converted integer.</summary>
    public void Vcvtsi2ss(Xmm dst, Xmm src1, OperandSize srcSize, Gpr src2) => AvxRR(SseOp.Cvtsi2ss, GprW(srcSize), (int)dst, (int)src1, (int)src2);
    public void Vcvtsi2sd(Xmm dst, Xmm src1, OperandSize srcSize, Gpr src2) => AvxRR(SseOp.Cvtsi2sd, GprW(srcSize), (int)dst, (int)src1, (int)src2);
    public void Vcvttss2si(OperandSize dstSize, Gpr dst, Xmm src) => AvxRR(SseOp.Cvttss2si, GprW(dstSize), (int)dst, 0, (int)src);
    public void Vcvttsd2si(OperandSize dstSize, Gpr dst, Xmm src) => AvxRR(SseOp.Cvttsd2si, GprW(dstSize), (int)dst, 0, (int)src);

    public void Vcvtsi2ss(Xmm dst, Xmm src1, OperandSize srcSize, Mem src2) => AvxRM(SseOp.Cvtsi2ss, GprW(srcSize), (int)dst, (int)src1, src2, 0);
    public void Vcvtsi2sd(Xmm dst, Xmm src1, OperandSize srcSize, Mem src2) => AvxRM(SseOp.Cvtsi2sd, GprW(srcSize), (int)dst, (int)src1, src2, 0);
    public void Vcvttss2si(OperandSize dstSize, Gpr dst, Mem src) => AvxRM(SseOp.Cvttss2si, GprW(dstSize), (int)dst, 0, src, 0);
    public void Vcvttsd2si(OperandSize dstSize, Gpr dst, Mem src) => AvxRM(SseOp.Cvttsd2si, GprW(dstSize), (int)dst, 0, src, 0);

    // ---- lane insert / extract -------------------------------------------------------------

    public void Pinsrb(Xmm dst, Gpr src, int lane) => SseLane(SseOp.Pinsrb, 0, (int)dst, (int)src, lane);
    public void Pinsrw(Xmm dst, Gpr src, int lane) => SseLane(SseOp.Pinsrw, 0, (int)dst, (int)src, lane);
    public void Pinsrd(Xmm dst, Gpr src, int lane) => SseLane(SseOp.Pinsrd, 0, (int)dst, (int)src, lane);
    public void Pinsrq(Xmm dst, Gpr src, int lane) => SseLane(SseOp.Pinsrd, RexW, (int)dst, (int)src, lane);
    public void Pinsrb(Xmm dst, Mem src, int lane) => SseLane(SseOp.Pinsrb, 0, (int)dst, src, lane);
    public void Pinsrw(Xmm dst, Mem src, int lane) => SseLane(SseOp.Pinsrw, 0, (int)dst, src, lane);
    public void Pinsrd(Xmm dst, Mem src, int lane) => SseLane(SseOp.Pinsrd, 0, (int)dst, src, lane);
    public void Pinsrq(Xmm dst, Mem src, int lane) => SseLane(SseOp.Pinsrd, RexW, (int)dst, src, lane);

    // pextr*: the xmm source is in ModRM.reg, the gpr/memory destination in r/m.
    public void Pextrb(Gpr dst, Xmm src, int lane) => SseLane(SseOp.Pextrb, 0, (int)src, (int)dst, lane);
    public void Pextrw(Gpr dst, Xmm src, int lane) => SseLane(SseOp.Pextrw, 0, (int)src, (int)dst, lane);
    public void Pextrd(Gpr dst, Xmm src, int lane) => SseLane(SseOp.Pextrd, 0, (int)src, (int)dst, lane);
    public void Pextrq(Gpr dst, Xmm src, int lane) => SseLane(SseOp.Pextrd, RexW, (int)src, (int)dst, lane);
    public void Pextrb(Mem dst, Xmm src, int lane) => SseLane(SseOp.Pextrb, 0, (int)src, dst, lane);
    public void Pextrw(Mem dst, Xmm src, int lane) => SseLane(SseOp.Pextrw, 0, (int)src, dst, lane);
    public void Pextrd(Mem dst, Xmm src, int lane) => SseLane(SseOp.Pextrd, 0, (int)src, dst, lane);
    public void Pextrq(Mem dst, Xmm src, int lane) => SseLane(SseOp.Pextrd, RexW, (int)src, dst, lane);

    public void Vpinsrb(Xmm dst, Xmm src1, Gpr src2, int lane) => AvxLane(SseOp.Pinsrb, 0, (int)dst, (int)src1, (int)src2, lane);
    public void Vpinsrw(Xmm dst, Xmm src1, Gpr src2, int lane) => AvxLane(SseOp.Pinsrw, 0, (int)dst, (int)src1, (int)src2, lane);
    public void Vpinsrd(Xmm dst, Xmm src1, Gpr src2, int lane) => AvxLane(SseOp.Pinsrd, 0, (int)dst, (int)src1, (int)src2, lane);
    public void Vpinsrq(Xmm dst, Xmm src1, Gpr src2, int lane) => AvxLane(SseOp.Pinsrd, RexW, (int)dst, (int)src1, (int)src2, lane);
    public void Vpextrb(Gpr dst, Xmm src, int lane) => AvxLane(SseOp.Pextrb, 0, (int)src, 0, (int)dst, lane);
    public void Vpextrw(Gpr dst, Xmm src, int lane) => AvxLane(SseOp.Pextrw, 0, (int)src, 0, (int)dst, lane);
    public void Vpextrd(Gpr dst, Xmm src, int lane) => AvxLane(SseOp.Pextrd, 0, (int)src, 0, (int)dst, lane);
    public void Vpextrq(Gpr dst, Xmm src, int lane) => AvxLane(SseOp.Pextrd, RexW, (int)src, 0, (int)dst, lane);

    // ---- sign-mask extraction --------------------------------------------------------------

    public void Pmovmskb(Gpr dst, Xmm src) => SseRR(SseOp.Pmovmskb, 0, (int)dst, (int)src);
    public void Movmskps(Gpr dst, Xmm src) => SseRR(SseOp.Movmskps, 0, (int)dst, (int)src);
    public void Movmskpd(Gpr dst, Xmm src) => SseRR(SseOp.Movmskpd, 0, (int)dst, (int)src);
    public void Vpmovmskb(Gpr dst, Xmm src) => AvxRR(SseOp.Pmovmskb, 0, (int)dst, 0, (int)src);
    public void Vmovmskps(Gpr dst, Xmm src) => AvxRR(SseOp.Movmskps, 0, (int)dst, 0, (int)src);
    public void Vmovmskpd(Gpr dst, Xmm src) => AvxRR(SseOp.Movmskpd, 0, (int)dst, 0, (int)src);

    // ---- encoding core ---------------------------------------------------------------------

    private static int GprW(OperandSize size) => size switch
    {
        OperandSize.S32 => 0,
        OperandSize.S64 => RexW,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "32 or 64-bit integer operand"),
    };

    /// <summary>Rejects an op whose operand shape does not match the overload (e.g. addss with a memory destination).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SseOp Require(SseOp op, SseForm form) =>
        op.Form == form && (op.Encodings & SseEncodings.Vex) != 0 ? op : throw WrongShape(op, form, "VEX");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SseOp RequireLegacy(SseOp op, SseForm form) =>
        op.Form == form && (op.Encodings & SseEncodings.Legacy) != 0 ? op : throw WrongShape(op, form, "legacy SSE");

    private static ArgumentException WrongShape(SseOp op, SseForm form, string encoding) =>
        new($"this overload needs a {form}-form op with a {encoding} encoding, not a {op.Form}-form op ({op.Encodings})", nameof(op));

    /// <summary>Checked before emitting, so a throw never leaves half an instruction.</summary>
    private static byte Imm8(int imm) =>
        (uint)imm <= byte.MaxValue ? (byte)imm : throw new ArgumentOutOfRangeException(nameof(imm), imm, "imm8 must be 0..255");

    private void SseLane(SseOp op, int w, int reg, int rm, int lane)
    {
        byte imm8 = Imm8(lane);
        SseRR(op, w, reg, rm);
        _buf.Emit8(imm8);
    }

    private void SseLane(SseOp op, int w, int reg, Mem rm, int lane)
    {
        byte imm8 = Imm8(lane);
        SseRM(op, w, reg, rm, 1);
        _buf.Emit8(imm8);
    }

    private void AvxLane(SseOp op, int w, int reg, int vvvv, int rm, int lane)
    {
        byte imm8 = Imm8(lane);
        AvxRR(op, w, reg, vvvv, rm);
        _buf.Emit8(imm8);
    }

    /// <summary>[66|F3|F2] [REX] 0F [38|3A] opcode: the mandatory prefix must precede REX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitSseHead(ref InstructionWriter w, SseOp op, int wrxb)
    {
        switch (op.Prefix)
        {
            case SimdPrefix.P66: w.Put(0x66); break;
            case SimdPrefix.PF3: w.Put(0xF3); break;
            case SimdPrefix.PF2: w.Put(0xF2); break;
        }
        EmitRex(ref w, wrxb, false);
        w.Put(0x0F);
        if (op.Map == OpcodeMap.M0F38)
            w.Put(0x38);
        else if (op.Map == OpcodeMap.M0F3A)
            w.Put(0x3A);
        w.Put(op.Opcode);
    }

    private void SseRR(SseOp op, int w, int reg, int rm)
    {
        var iw = Begin();
        EmitSseHead(ref iw, op, w | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1));
        EmitModRmReg(ref iw, reg, rm);
    }

    private void SseRM(SseOp op, int w, int reg, Mem rm, int immSize)
    {
        var iw = Begin();
        EmitSseHead(ref iw, op, w | ((reg >> 3) & 1) << 2 | rm.RexX << 1 | rm.RexB);
        EmitModRmMem(ref iw, reg, rm, immSize);
    }

    /// <summary>
    /// VEX prefix (L=0, 128-bit) and opcode. R, X, B and vvvv are stored inverted; vvvv=0 passed
    /// here therefore means "no register" (1111). The 2-byte C5 form only covers map 0F with
    /// W=0 and no REX.X/B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitVexHead(ref InstructionWriter w, SseOp op, int wrxb, int vvvv)
    {
        int notR = (~wrxb >> 2) & 1;
        int pp = (int)op.Prefix;
        int notV = ~vvvv & 0xF;
        if ((wrxb & 0b1011) == 0 && op.Map == OpcodeMap.M0F)
        {
            w.Put(0xC5);
            w.Put(notR << 7 | notV << 3 | pp);
        }
        else
        {
            w.Put(0xC4);
            w.Put(notR << 7 | ((~wrxb >> 1) & 1) << 6 | (~wrxb & 1) << 5 | (int)op.Map);
            w.Put((wrxb >> 3) << 7 | notV << 3 | pp);
        }
        w.Put(op.Opcode);
    }

    private void AvxRR(SseOp op, int w, int reg, int vvvv, int rm)
    {
        var iw = Begin();
        EmitVexHead(ref iw, op, w | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1), vvvv);
        EmitModRmReg(ref iw, reg, rm);
    }

    private void AvxRM(SseOp op, int w, int reg, int vvvv, Mem rm, int immSize)
    {
        var iw = Begin();
        EmitVexHead(ref iw, op, w | ((reg >> 3) & 1) << 2 | rm.RexX << 1 | rm.RexB, vvvv);
        EmitModRmMem(ref iw, reg, rm, immSize);
    }
}
