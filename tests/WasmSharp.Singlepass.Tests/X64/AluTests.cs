using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

public class AluTests
{
    internal delegate void RR(X64Assembler a, OperandSize s, Gpr d, Gpr r);
    internal delegate void RI(X64Assembler a, OperandSize s, Gpr d, int imm);
    internal delegate void RM(X64Assembler a, OperandSize s, Gpr d, Mem m);
    internal delegate void MR(X64Assembler a, OperandSize s, Mem m, Gpr r);
    internal delegate void MI(X64Assembler a, OperandSize s, Mem m, int imm);

    internal sealed record Alu(string Name, RR Rr, RI Ri, RM Rm, MR Mr, MI Mi)
    {
        public override string ToString() => Name;
    }

    private static readonly Alu[] Ops =
    [
        new("Add", (a, s, d, r) => a.Add(s, d, r), (a, s, d, i) => a.Add(s, d, i), (a, s, d, m) => a.Add(s, d, m), (a, s, m, r) => a.Add(s, m, r), (a, s, m, i) => a.Add(s, m, i)),
        new("Or", (a, s, d, r) => a.Or(s, d, r), (a, s, d, i) => a.Or(s, d, i), (a, s, d, m) => a.Or(s, d, m), (a, s, m, r) => a.Or(s, m, r), (a, s, m, i) => a.Or(s, m, i)),
        new("Adc", (a, s, d, r) => a.Adc(s, d, r), (a, s, d, i) => a.Adc(s, d, i), (a, s, d, m) => a.Adc(s, d, m), (a, s, m, r) => a.Adc(s, m, r), (a, s, m, i) => a.Adc(s, m, i)),
        new("Sbb", (a, s, d, r) => a.Sbb(s, d, r), (a, s, d, i) => a.Sbb(s, d, i), (a, s, d, m) => a.Sbb(s, d, m), (a, s, m, r) => a.Sbb(s, m, r), (a, s, m, i) => a.Sbb(s, m, i)),
        new("And", (a, s, d, r) => a.And(s, d, r), (a, s, d, i) => a.And(s, d, i), (a, s, d, m) => a.And(s, d, m), (a, s, m, r) => a.And(s, m, r), (a, s, m, i) => a.And(s, m, i)),
        new("Sub", (a, s, d, r) => a.Sub(s, d, r), (a, s, d, i) => a.Sub(s, d, i), (a, s, d, m) => a.Sub(s, d, m), (a, s, m, r) => a.Sub(s, m, r), (a, s, m, i) => a.Sub(s, m, i)),
        new("Xor", (a, s, d, r) => a.Xor(s, d, r), (a, s, d, i) => a.Xor(s, d, i), (a, s, d, m) => a.Xor(s, d, m), (a, s, m, r) => a.Xor(s, m, r), (a, s, m, i) => a.Xor(s, m, i)),
        new("Cmp", (a, s, d, r) => a.Cmp(s, d, r), (a, s, d, i) => a.Cmp(s, d, i), (a, s, d, m) => a.Cmp(s, d, m), (a, s, m, r) => a.Cmp(s, m, r), (a, s, m, i) => a.Cmp(s, m, i)),
    ];

    public static TheoryData<object, object> Cases()
    {
        var data = new TheoryData<object, object>();
        foreach (Alu op in Ops)
            foreach (OperandSize s in AllSizes)
                data.Add(op, s);
        return data;
    }

    internal static long[] Immediates(OperandSize size) => size switch
    {
        OperandSize.S8 => [0, 1, -1, 127, -128, 255],
        OperandSize.S16 => [0, 1, -1, 127, -128, 128, -129, 0x7FFF, -0x8000, 0xFFFF],
        _ => [0, 1, -1, 127, -128, 128, -129, int.MaxValue, int.MinValue],
    };

    /// <summary>16-bit immediates given unsigned (0xFFFF) are their signed value (-1) to the encoder.</summary>
    private static long Norm(long imm, OperandSize size) => size == OperandSize.S16 ? (short)imm : imm;

    [Theory, MemberData(nameof(Cases))]
    public void RegReg(object opArg, object sizeArg)
    {
        Alu op = (Alu)opArg;
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Gpr dst in Gprs)
            foreach (Gpr src in Gprs)
            {
                Instruction ins = One(a => op.Rr(a, size, dst, src));
                Assert.Equal(CodeOf($"{op.Name}_rm{b}_r{b}"), ins.Code);
                Assert.Equal(R(dst, size), ins.Op0Register);
                Assert.Equal(R(src, size), ins.Op1Register);
            }
    }

    [Theory, MemberData(nameof(Cases))]
    public void RegImm(object opArg, object sizeArg)
    {
        Alu op = (Alu)opArg;
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Gpr dst in Gprs)
            foreach (long imm in Immediates(size))
            {
                Instruction ins = One(a => op.Ri(a, size, dst, (int)imm));
                string expected = size == OperandSize.S8 ? $"{op.Name}_rm8_imm8"
                    : (sbyte)Norm(imm, size) == Norm(imm, size) ? $"{op.Name}_rm{b}_imm8"
                    : dst == Gpr.Rax ? $"{op.Name}_{R(dst, size)}_imm{Math.Min(b, 32)}"
                    : $"{op.Name}_rm{b}_imm{Math.Min(b, 32)}";
                Assert.Equal(CodeOf(expected), ins.Code);
                Assert.Equal(R(dst, size), ins.Op0Register);
                AssertImm(ins, 1, imm, size);
            }
    }

    [Theory, MemberData(nameof(Cases))]
    public void RegMemAndMemReg(object opArg, object sizeArg)
    {
        Alu op = (Alu)opArg;
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Mem m in SomeMems())
            foreach (Gpr r in (Gpr[])[Gpr.Rcx, Gpr.Rdi, Gpr.R11])
            {
                Instruction load = One(a => op.Rm(a, size, r, m));
                Assert.Equal(CodeOf($"{op.Name}_r{b}_rm{b}"), load.Code);
                Assert.Equal(R(r, size), load.Op0Register);
                AssertMem(load, m);

                Instruction store = One(a => op.Mr(a, size, m, r));
                Assert.Equal(CodeOf($"{op.Name}_rm{b}_r{b}"), store.Code);
                Assert.Equal(R(r, size), store.Op1Register);
                AssertMem(store, m);
            }
    }

    [Theory, MemberData(nameof(Cases))]
    public void MemImm(object opArg, object sizeArg)
    {
        Alu op = (Alu)opArg;
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Mem m in SomeMems())
            foreach (long imm in Immediates(size))
            {
                Instruction ins = One(a => op.Mi(a, size, m, (int)imm));
                string expected = size == OperandSize.S8 ? $"{op.Name}_rm8_imm8"
                    : (sbyte)Norm(imm, size) == Norm(imm, size) ? $"{op.Name}_rm{b}_imm8"
                    : $"{op.Name}_rm{b}_imm{Math.Min(b, 32)}";
                Assert.Equal(CodeOf(expected), ins.Code);
                AssertMem(ins, m);
                AssertImm(ins, 1, imm, size);
            }
    }

    [Fact]
    public void ImmediateOutOfRangeForNarrowSizesThrows()
    {
        var a = new X64Assembler();
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Add(OperandSize.S8, Gpr.Rax, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Add(OperandSize.S16, Gpr.Rcx, 0x10000));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Cmp(OperandSize.S8, Mem.At(Gpr.Rax), -129));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Sse(SseOp.Roundsd, Xmm.Xmm0, Xmm.Xmm1, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Avx(SseOp.PsllwImm, Xmm.Xmm0, Xmm.Xmm1, -1));
        // Validation happens before emission: no half-written instruction is left behind.
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void SixteenBitImmediatesGivenUnsignedUseTheImm8Form()
    {
        Instruction ins = One(a => a.And(OperandSize.S16, Gpr.Rcx, 0xFFFF));
        Assert.Equal(Code.And_rm16_imm8, ins.Code);
        Assert.Equal(0xFFFFUL, ins.GetImmediate(1) & 0xFFFF);
    }
}
