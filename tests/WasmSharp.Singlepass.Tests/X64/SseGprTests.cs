using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>SSE/AVX instructions with a general-purpose register operand.</summary>
public class SseGprTests
{
    private static readonly OperandSize[] IntSizes = [OperandSize.S32, OperandSize.S64];

    private static void Sweep(Action<X64Assembler, Xmm, Gpr> emit, Code code, Func<Instruction, (Register x, Register g)> operands, OperandSize gprSize)
    {
        foreach (Xmm x in Xmms)
            foreach (Gpr g in Gprs)
            {
                Instruction ins = One(a => emit(a, x, g));
                Assert.Equal(code, ins.Code);
                var (xr, gr) = operands(ins);
                Assert.Equal(X(x), xr);
                Assert.Equal(R(g, gprSize), gr);
            }
    }

    [Fact]
    public void MovdMovq()
    {
        Sweep((a, x, g) => a.Movd(x, g), Code.Movd_xmm_rm32, i => (i.Op0Register, i.Op1Register), OperandSize.S32);
        Sweep((a, x, g) => a.Movq(x, g), Code.Movq_xmm_rm64, i => (i.Op0Register, i.Op1Register), OperandSize.S64);
        Sweep((a, x, g) => a.Movd(g, x), Code.Movd_rm32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Movq(g, x), Code.Movq_rm64_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S64);
        Sweep((a, x, g) => a.Vmovd(x, g), Code.VEX_Vmovd_xmm_rm32, i => (i.Op0Register, i.Op1Register), OperandSize.S32);
        Sweep((a, x, g) => a.Vmovq(x, g), Code.VEX_Vmovq_xmm_rm64, i => (i.Op0Register, i.Op1Register), OperandSize.S64);
        Sweep((a, x, g) => a.Vmovd(g, x), Code.VEX_Vmovd_rm32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Vmovq(g, x), Code.VEX_Vmovq_rm64_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S64);
    }

    [Fact]
    public void IntegerToFloat()
    {
        foreach (OperandSize s in IntSizes)
        {
            int b = Bits(s);
            Sweep((a, x, g) => a.Cvtsi2ss(x, s, g), CodeOf($"Cvtsi2ss_xmm_rm{b}"), i => (i.Op0Register, i.Op1Register), s);
            Sweep((a, x, g) => a.Cvtsi2sd(x, s, g), CodeOf($"Cvtsi2sd_xmm_rm{b}"), i => (i.Op0Register, i.Op1Register), s);
            foreach (Xmm src1 in (Xmm[])[Xmm.Xmm0, Xmm.Xmm13])
            {
                Sweep((a, x, g) => a.Vcvtsi2ss(x, src1, s, g), CodeOf($"VEX_Vcvtsi2ss_xmm_xmm_rm{b}"), i => (i.Op0Register, i.Op2Register), s);
                Sweep((a, x, g) => a.Vcvtsi2sd(x, src1, s, g), CodeOf($"VEX_Vcvtsi2sd_xmm_xmm_rm{b}"), i => (i.Op0Register, i.Op2Register), s);
                Assert.Equal(X(src1), One(a => a.Vcvtsi2sd(Xmm.Xmm1, src1, s, Gpr.R9)).Op1Register);
            }
        }
    }

    [Fact]
    public void FloatToIntegerTruncating()
    {
        foreach (OperandSize s in IntSizes)
        {
            int b = Bits(s);
            Sweep((a, x, g) => a.Cvttss2si(s, g, x), CodeOf($"Cvttss2si_r{b}_xmmm32"), i => (i.Op1Register, i.Op0Register), s);
            Sweep((a, x, g) => a.Cvttsd2si(s, g, x), CodeOf($"Cvttsd2si_r{b}_xmmm64"), i => (i.Op1Register, i.Op0Register), s);
            Sweep((a, x, g) => a.Vcvttss2si(s, g, x), CodeOf($"VEX_Vcvttss2si_r{b}_xmmm32"), i => (i.Op1Register, i.Op0Register), s);
            Sweep((a, x, g) => a.Vcvttsd2si(s, g, x), CodeOf($"VEX_Vcvttsd2si_r{b}_xmmm64"), i => (i.Op1Register, i.Op0Register), s);
        }
    }

    [Fact]
    public void ConversionsFromMemory()
    {
        foreach (OperandSize s in IntSizes)
        {
            int b = Bits(s);
            foreach (Mem m in SomeMems())
            {
                Assert.Equal(CodeOf($"Cvtsi2ss_xmm_rm{b}"), Checked(One(a => a.Cvtsi2ss(Xmm.Xmm12, s, m)), m).Code);
                Assert.Equal(CodeOf($"Cvtsi2sd_xmm_rm{b}"), Checked(One(a => a.Cvtsi2sd(Xmm.Xmm12, s, m)), m).Code);
                Assert.Equal(CodeOf($"Cvttss2si_r{b}_xmmm32"), Checked(One(a => a.Cvttss2si(s, Gpr.R12, m)), m).Code);
                Assert.Equal(CodeOf($"Cvttsd2si_r{b}_xmmm64"), Checked(One(a => a.Cvttsd2si(s, Gpr.R12, m)), m).Code);
                Assert.Equal(CodeOf($"VEX_Vcvtsi2ss_xmm_xmm_rm{b}"), Checked(One(a => a.Vcvtsi2ss(Xmm.Xmm12, Xmm.Xmm3, s, m)), m).Code);
                Assert.Equal(CodeOf($"VEX_Vcvtsi2sd_xmm_xmm_rm{b}"), Checked(One(a => a.Vcvtsi2sd(Xmm.Xmm12, Xmm.Xmm3, s, m)), m).Code);
                Assert.Equal(CodeOf($"VEX_Vcvttss2si_r{b}_xmmm32"), Checked(One(a => a.Vcvttss2si(s, Gpr.R12, m)), m).Code);
                Assert.Equal(CodeOf($"VEX_Vcvttsd2si_r{b}_xmmm64"), Checked(One(a => a.Vcvttsd2si(s, Gpr.R12, m)), m).Code);
            }
        }
    }

    [Fact]
    public void LaneInsertExtract()
    {
        (Action<X64Assembler, Xmm, Gpr> emit, Code code, OperandSize size, bool insert)[] forms =
        [
            ((a, x, g) => a.Pinsrb(x, g, 15), Code.Pinsrb_xmm_r32m8_imm8, OperandSize.S32, true),
            ((a, x, g) => a.Pinsrw(x, g, 7), Code.Pinsrw_xmm_r32m16_imm8, OperandSize.S32, true),
            ((a, x, g) => a.Pinsrd(x, g, 3), Code.Pinsrd_xmm_rm32_imm8, OperandSize.S32, true),
            ((a, x, g) => a.Pinsrq(x, g, 1), Code.Pinsrq_xmm_rm64_imm8, OperandSize.S64, true),
            ((a, x, g) => a.Pextrb(g, x, 15), Code.Pextrb_r32m8_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Pextrw(g, x, 7), Code.Pextrw_r32m16_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Pextrd(g, x, 3), Code.Pextrd_rm32_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Pextrq(g, x, 1), Code.Pextrq_rm64_xmm_imm8, OperandSize.S64, false),
            ((a, x, g) => a.Vpextrb(g, x, 15), Code.VEX_Vpextrb_r32m8_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Vpextrw(g, x, 7), Code.VEX_Vpextrw_r32m16_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Vpextrd(g, x, 3), Code.VEX_Vpextrd_rm32_xmm_imm8, OperandSize.S32, false),
            ((a, x, g) => a.Vpextrq(g, x, 1), Code.VEX_Vpextrq_rm64_xmm_imm8, OperandSize.S64, false),
        ];
        foreach (var (emit, code, size, insert) in forms)
            Sweep(emit, code, i => insert ? (i.Op0Register, i.Op1Register) : (i.Op1Register, i.Op0Register), size);

        (Action<X64Assembler, Xmm, Gpr> emit, Code code, OperandSize size)[] vexInserts =
        [
            ((a, x, g) => a.Vpinsrb(x, Xmm.Xmm11, g, 15), Code.VEX_Vpinsrb_xmm_xmm_r32m8_imm8, OperandSize.S32),
            ((a, x, g) => a.Vpinsrw(x, Xmm.Xmm11, g, 7), Code.VEX_Vpinsrw_xmm_xmm_r32m16_imm8, OperandSize.S32),
            ((a, x, g) => a.Vpinsrd(x, Xmm.Xmm11, g, 3), Code.VEX_Vpinsrd_xmm_xmm_rm32_imm8, OperandSize.S32),
            ((a, x, g) => a.Vpinsrq(x, Xmm.Xmm11, g, 1), Code.VEX_Vpinsrq_xmm_xmm_rm64_imm8, OperandSize.S64),
        ];
        foreach (var (emit, code, size) in vexInserts)
            Sweep(emit, code, i => (i.Op0Register, i.Op2Register), size);

        Assert.Equal(15UL, One(a => a.Pinsrb(Xmm.Xmm1, Gpr.Rax, 15)).GetImmediate(2));
        Assert.Equal(1UL, One(a => a.Vpinsrq(Xmm.Xmm1, Xmm.Xmm2, Gpr.Rax, 1)).GetImmediate(3));
    }

    [Fact]
    public void LaneInsertExtractMemory()
    {
        foreach (Mem m in SomeMems())
        {
            Assert.Equal(Code.Pinsrb_xmm_r32m8_imm8, Checked(One(a => a.Pinsrb(Xmm.Xmm9, m, 2)), m).Code);
            Assert.Equal(Code.Pinsrw_xmm_r32m16_imm8, Checked(One(a => a.Pinsrw(Xmm.Xmm9, m, 2)), m).Code);
            Assert.Equal(Code.Pinsrd_xmm_rm32_imm8, Checked(One(a => a.Pinsrd(Xmm.Xmm9, m, 2)), m).Code);
            Assert.Equal(Code.Pinsrq_xmm_rm64_imm8, Checked(One(a => a.Pinsrq(Xmm.Xmm9, m, 1)), m).Code);
            Assert.Equal(Code.Pextrb_r32m8_xmm_imm8, Checked(One(a => a.Pextrb(m, Xmm.Xmm9, 2)), m).Code);
            Assert.Equal(Code.Pextrw_r32m16_xmm_imm8, Checked(One(a => a.Pextrw(m, Xmm.Xmm9, 2)), m).Code);
            Assert.Equal(Code.Pextrd_rm32_xmm_imm8, Checked(One(a => a.Pextrd(m, Xmm.Xmm9, 2)), m).Code);
            Assert.Equal(Code.Pextrq_rm64_xmm_imm8, Checked(One(a => a.Pextrq(m, Xmm.Xmm9, 1)), m).Code);
        }
    }

    private static Instruction Checked(Instruction ins, Mem m)
    {
        AssertMem(ins, m);
        return ins;
    }

    [Fact]
    public void SignMasks()
    {
        Sweep((a, x, g) => a.Pmovmskb(g, x), Code.Pmovmskb_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Movmskps(g, x), Code.Movmskps_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Movmskpd(g, x), Code.Movmskpd_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Vpmovmskb(g, x), Code.VEX_Vpmovmskb_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Vmovmskps(g, x), Code.VEX_Vmovmskps_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
        Sweep((a, x, g) => a.Vmovmskpd(g, x), Code.VEX_Vmovmskpd_r32_xmm, i => (i.Op1Register, i.Op0Register), OperandSize.S32);
    }

    [Fact]
    public void ImmediateRangeIsChecked()
    {
        var a = new X64Assembler();
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Sse(SseOp.Pshufd, Xmm.Xmm0, Xmm.Xmm1, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Pextrb(Gpr.Rax, Xmm.Xmm0, -1));
    }
}
