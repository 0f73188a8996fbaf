using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

public class IntegerTests
{
    public static TheoryData<object> Sizes => [.. AllSizes];
    public static TheoryData<object> Wide => [.. WideSizes];
    public static TheoryData<object> Conds => [.. Enum.GetValues<Cond>()];

    [Theory, MemberData(nameof(Sizes))]
    public void Test(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Gpr dst in Gprs)
        {
            foreach (Gpr src in Gprs)
            {
                Instruction rr = One(a => a.Test(size, dst, src));
                Assert.Equal(CodeOf($"Test_rm{b}_r{b}"), rr.Code);
                Assert.Equal(R(dst, size), rr.Op0Register);
                Assert.Equal(R(src, size), rr.Op1Register);
            }
            foreach (long imm in AluTests.Immediates(size))
            {
                Instruction ri = One(a => a.Test(size, dst, (int)imm));
                string expected = dst == Gpr.Rax ? $"Test_{R(dst, size)}_imm{Math.Min(b, 32)}" : $"Test_rm{b}_imm{Math.Min(b, 32)}";
                Assert.Equal(CodeOf(expected), ri.Code);
                Assert.Equal(R(dst, size), ri.Op0Register);
                AssertImm(ri, 1, imm, size);
            }
        }
        foreach (Mem m in SomeMems())
        {
            Instruction mr = One(a => a.Test(size, m, Gpr.R10));
            Assert.Equal(CodeOf($"Test_rm{b}_r{b}"), mr.Code);
            AssertMem(mr, m);
            Instruction mi = One(a => a.Test(size, m, -2));
            Assert.Equal(CodeOf($"Test_rm{b}_imm{Math.Min(b, 32)}"), mi.Code);
            AssertMem(mi, m);
            AssertImm(mi, 1, -2, size);
        }
    }

    [Theory, MemberData(nameof(Wide))]
    public void Imul(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Gpr dst in Gprs)
            foreach (Gpr src in Gprs)
            {
                Instruction rr = One(a => a.Imul(size, dst, src));
                Assert.Equal(CodeOf($"Imul_r{b}_rm{b}"), rr.Code);
                Assert.Equal(R(dst, size), rr.Op0Register);
                Assert.Equal(R(src, size), rr.Op1Register);
                foreach (int imm in (int[])[0, 127, -128, 128, -129, short.MaxValue, short.MinValue])
                {
                    Instruction rri = One(a => a.Imul(size, dst, src, imm));
                    Assert.Equal(CodeOf($"Imul_r{b}_rm{b}_imm{((sbyte)imm == imm ? 8 : Math.Min(b, 32))}"), rri.Code);
                    Assert.Equal(R(dst, size), rri.Op0Register);
                    Assert.Equal(R(src, size), rri.Op1Register);
                    AssertImm(rri, 2, imm, size);
                }
            }
        foreach (Mem m in SomeMems())
        {
            Instruction rm = One(a => a.Imul(size, Gpr.R14, m));
            Assert.Equal(CodeOf($"Imul_r{b}_rm{b}"), rm.Code);
            AssertMem(rm, m);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Bytes(a => a.Imul(OperandSize.S8, Gpr.Rax, Gpr.Rcx)));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void UnaryGroup(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        (string name, Action<X64Assembler, Gpr> reg, Action<X64Assembler, Mem> mem)[] ops =
        [
            ("Mul", (a, r) => a.Mul(size, r), (a, m) => a.Mul(size, m)),
            ("Div", (a, r) => a.Div(size, r), (a, m) => a.Div(size, m)),
            ("Idiv", (a, r) => a.Idiv(size, r), (a, m) => a.Idiv(size, m)),
            ("Neg", (a, r) => a.Neg(size, r), (a, m) => a.Neg(size, m)),
            ("Not", (a, r) => a.Not(size, r), (a, m) => a.Not(size, m)),
        ];
        foreach (var (name, reg, mem) in ops)
        {
            foreach (Gpr r in Gprs)
            {
                Instruction ins = One(a => reg(a, r));
                Assert.Equal(CodeOf($"{name}_rm{b}"), ins.Code);
                Assert.Equal(R(r, size), ins.Op0Register);
            }
            foreach (Mem m in SomeMems())
            {
                Instruction ins = One(a => mem(a, m));
                Assert.Equal(CodeOf($"{name}_rm{b}"), ins.Code);
                AssertMem(ins, m);
            }
        }
    }

    [Fact]
    public void SignExtendAccumulator()
    {
        Assert.Equal(Code.Cdq, One(a => a.Cdq()).Code);
        Assert.Equal(Code.Cqo, One(a => a.Cqo()).Code);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Shifts(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        (string name, Action<X64Assembler, Gpr, byte> imm, Action<X64Assembler, Gpr> cl)[] ops =
        [
            ("Shl", (a, r, i) => a.Shl(size, r, i), (a, r) => a.ShlCl(size, r)),
            ("Shr", (a, r, i) => a.Shr(size, r, i), (a, r) => a.ShrCl(size, r)),
            ("Sar", (a, r, i) => a.Sar(size, r, i), (a, r) => a.SarCl(size, r)),
            ("Rol", (a, r, i) => a.Rol(size, r, i), (a, r) => a.RolCl(size, r)),
            ("Ror", (a, r, i) => a.Ror(size, r, i), (a, r) => a.RorCl(size, r)),
        ];
        foreach (var (name, imm, cl) in ops)
            foreach (Gpr r in Gprs)
            {
                Instruction byCl = One(a => cl(a, r));
                Assert.Equal(CodeOf($"{name}_rm{b}_CL"), byCl.Code);
                Assert.Equal(R(r, size), byCl.Op0Register);
                Assert.Equal(Register.CL, byCl.Op1Register);
                foreach (byte count in (byte[])[1, 0, 2, 7, 31, 63])
                {
                    Instruction byImm = One(a => imm(a, r, count));
                    Assert.Equal(CodeOf(count == 1 ? $"{name}_rm{b}_1" : $"{name}_rm{b}_imm8"), byImm.Code);
                    Assert.Equal(R(r, size), byImm.Op0Register);
                    Assert.Equal(count, (byte)byImm.GetImmediate(1));
                }
            }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void ShiftsOnMemory(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        (string name, Action<X64Assembler, Mem, byte> imm, Action<X64Assembler, Mem> cl)[] ops =
        [
            ("Shl", (a, m, i) => a.Shl(size, m, i), (a, m) => a.ShlCl(size, m)),
            ("Shr", (a, m, i) => a.Shr(size, m, i), (a, m) => a.ShrCl(size, m)),
            ("Sar", (a, m, i) => a.Sar(size, m, i), (a, m) => a.SarCl(size, m)),
            ("Rol", (a, m, i) => a.Rol(size, m, i), (a, m) => a.RolCl(size, m)),
            ("Ror", (a, m, i) => a.Ror(size, m, i), (a, m) => a.RorCl(size, m)),
        ];
        foreach (var (name, imm, cl) in ops)
            foreach (Mem m in SomeMems())
            {
                Instruction byCl = One(a => cl(a, m));
                Assert.Equal(CodeOf($"{name}_rm{b}_CL"), byCl.Code);
                AssertMem(byCl, m);
                foreach (byte count in (byte[])[1, 9])
                {
                    Instruction byImm = One(a => imm(a, m, count));
                    Assert.Equal(CodeOf(count == 1 ? $"{name}_rm{b}_1" : $"{name}_rm{b}_imm8"), byImm.Code);
                    AssertMem(byImm, m);
                }
            }
    }

    [Theory, MemberData(nameof(Wide))]
    public void ImulMemoryImmediate(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Mem m in SomeMems())
            foreach (int imm in (int[])[-128, 127, 128, short.MinValue])
            {
                Instruction ins = One(a => a.Imul(size, Gpr.R15, m, imm));
                Assert.Equal(CodeOf($"Imul_r{b}_rm{b}_imm{((sbyte)imm == imm ? 8 : Math.Min(b, 32))}"), ins.Code);
                Assert.Equal(R(Gpr.R15, size), ins.Op0Register);
                AssertMem(ins, m);
                AssertImm(ins, 2, imm, size);
            }
    }

    [Theory, MemberData(nameof(Conds))]
    public void SetccAndCmov(object condArg)
    {
        Cond cond = (Cond)condArg;
        string cc = cond.ToString().ToLowerInvariant();
        foreach (Gpr dst in Gprs)
        {
            byte[] bytes = Bytes(a => a.Setcc(cond, dst));
            Instruction set = One(bytes);
            Assert.Equal(CodeOf($"Set{cc}_rm8"), set.Code);
            Assert.Equal(R(dst, OperandSize.S8), set.Op0Register);
            Assert.Equal(dst < Gpr.Rsp ? 3 : 4, bytes.Length);
            foreach (OperandSize size in WideSizes)
                foreach (Gpr src in Gprs)
                {
                    Instruction mov = One(a => a.Cmov(cond, size, dst, src));
                    Assert.Equal(CodeOf($"Cmov{cc}_r{Bits(size)}_rm{Bits(size)}"), mov.Code);
                    Assert.Equal(R(dst, size), mov.Op0Register);
                    Assert.Equal(R(src, size), mov.Op1Register);
                }
        }
        foreach (Mem m in SomeMems())
        {
            Instruction set = One(a => a.Setcc(cond, m));
            Assert.Equal(CodeOf($"Set{cc}_rm8"), set.Code);
            AssertMem(set, m);
            Instruction mov = One(a => a.Cmov(cond, OperandSize.S64, Gpr.R8, m));
            Assert.Equal(CodeOf($"Cmov{cc}_r64_rm64"), mov.Code);
            AssertMem(mov, m);
        }
    }

    [Fact]
    public void CondNegate()
    {
        Assert.Equal(Cond.NE, Cond.E.Negate());
        Assert.Equal(Cond.GE, Cond.L.Negate());
        Assert.Equal(Cond.A, Cond.BE.Negate());
        Assert.Equal(Cond.NP, Cond.P.Negate());
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Xchg(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        foreach (Gpr x in Gprs)
        {
            foreach (Gpr y in Gprs)
            {
                Instruction ins = One(a => a.Xchg(size, x, y));
                Assert.Equal(CodeOf($"Xchg_rm{b}_r{b}"), ins.Code);
                Assert.Equal(R(x, size), ins.Op0Register);
                Assert.Equal(R(y, size), ins.Op1Register);
            }
            Instruction mem = One(a => a.Xchg(size, Mem.At(Gpr.Rbp, x == Gpr.Rsp ? Gpr.Rax : x, 2, -8), x));
            Assert.Equal(CodeOf($"Xchg_rm{b}_r{b}"), mem.Code);
            Assert.Equal(R(x, size), mem.Op1Register);
        }
    }

    [Fact]
    public void Bswap()
    {
        foreach (OperandSize size in (OperandSize[])[OperandSize.S32, OperandSize.S64])
            foreach (Gpr r in Gprs)
            {
                Instruction ins = One(a => a.Bswap(size, r));
                Assert.Equal(CodeOf($"Bswap_r{Bits(size)}"), ins.Code);
                Assert.Equal(R(r, size), ins.Op0Register);
            }
    }

    [Theory, MemberData(nameof(Wide))]
    public void BitCounting(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        int b = Bits(size);
        (string name, Action<X64Assembler, Gpr, Gpr> rr, Action<X64Assembler, Gpr, Mem> rm)[] ops =
        [
            ("Lzcnt", (a, d, s) => a.Lzcnt(size, d, s), (a, d, m) => a.Lzcnt(size, d, m)),
            ("Tzcnt", (a, d, s) => a.Tzcnt(size, d, s), (a, d, m) => a.Tzcnt(size, d, m)),
            ("Popcnt", (a, d, s) => a.Popcnt(size, d, s), (a, d, m) => a.Popcnt(size, d, m)),
            ("Bsr", (a, d, s) => a.Bsr(size, d, s), (a, d, m) => a.Bsr(size, d, m)),
            ("Bsf", (a, d, s) => a.Bsf(size, d, s), (a, d, m) => a.Bsf(size, d, m)),
        ];
        foreach (var (name, rr, rm) in ops)
        {
            foreach (Gpr dst in Gprs)
                foreach (Gpr src in Gprs)
                {
                    Instruction ins = One(a => rr(a, dst, src));
                    Assert.Equal(CodeOf($"{name}_r{b}_rm{b}"), ins.Code);
                    Assert.Equal(R(dst, size), ins.Op0Register);
                    Assert.Equal(R(src, size), ins.Op1Register);
                }
            foreach (Mem m in SomeMems())
            {
                Instruction ins = One(a => rm(a, Gpr.Rbx, m));
                Assert.Equal(CodeOf($"{name}_r{b}_rm{b}"), ins.Code);
                AssertMem(ins, m);
            }
        }
    }

    [Fact]
    public void PushPop()
    {
        foreach (Gpr r in Gprs)
        {
            Instruction push = One(a => a.Push(r));
            Assert.Equal(Code.Push_r64, push.Code);
            Assert.Equal(R64(r), push.Op0Register);
            Instruction pop = One(a => a.Pop(r));
            Assert.Equal(Code.Pop_r64, pop.Code);
            Assert.Equal(R64(r), pop.Op0Register);
        }
        foreach (Mem m in SomeMems())
        {
            Instruction push = One(a => a.Push(m));
            Assert.Equal(Code.Push_rm64, push.Code);
            AssertMem(push, m);
            Instruction pop = One(a => a.Pop(m));
            Assert.Equal(Code.Pop_rm64, pop.Code);
            AssertMem(pop, m);
        }
        foreach (int imm in (int[])[0, 127, -128, 128, -129, int.MaxValue, int.MinValue])
        {
            Instruction push = One(a => a.Push(imm));
            Assert.Equal((sbyte)imm == imm ? Code.Pushq_imm8 : Code.Pushq_imm32, push.Code);
            Assert.Equal((ulong)(long)imm, push.GetImmediate(0));
        }
    }
}
