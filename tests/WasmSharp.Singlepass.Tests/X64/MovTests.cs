using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

public class MovTests
{
    public static TheoryData<object> Sizes => [.. AllSizes];
    public static TheoryData<object> Wide => [.. WideSizes];

    [Theory, MemberData(nameof(Sizes))]
    public void MovRegReg(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        foreach (Gpr dst in Gprs)
            foreach (Gpr src in Gprs)
            {
                Instruction ins = One(a => a.Mov(size, dst, src));
                Assert.Equal(CodeOf($"Mov_rm{Bits(size)}_r{Bits(size)}"), ins.Code);
                Assert.Equal(R(dst, size), ins.Op0Register);
                Assert.Equal(R(src, size), ins.Op1Register);
            }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MovLoadAndStore(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        foreach (Mem m in Mems())
            foreach (Gpr r in (Gpr[])[Gpr.Rax, Gpr.Rsi, Gpr.Rdi, Gpr.R8, Gpr.R15])
            {
                Instruction load = One(a => a.Mov(size, r, m));
                Assert.Equal(CodeOf($"Mov_r{Bits(size)}_rm{Bits(size)}"), load.Code);
                Assert.Equal(R(r, size), load.Op0Register);
                AssertMem(load, m);

                Instruction store = One(a => a.Mov(size, m, r));
                Assert.Equal(CodeOf($"Mov_rm{Bits(size)}_r{Bits(size)}"), store.Code);
                Assert.Equal(R(r, size), store.Op1Register);
                AssertMem(store, m);
            }
    }

    [Fact]
    public void ByteStoresOfSplBplSilDilUseRexAndLowBytesDoNot()
    {
        foreach (Gpr r in Gprs)
        {
            byte[] bytes = Bytes(a => a.Mov(OperandSize.S8, Mem.At(Gpr.Rax), r));
            Instruction ins = One(bytes);
            Assert.Equal(R(r, OperandSize.S8), ins.Op1Register);
            // al..bl need no REX; spl..dil need a bare REX to not mean ah..bh; r8b.. need REX.R.
            Assert.Equal(r < Gpr.Rsp ? 2 : 3, bytes.Length);
        }
        // A 16-bit store: 66 prefix, no REX.
        Assert.Equal([0x66, 0x89, 0x30], Bytes(a => a.Mov(OperandSize.S16, Mem.At(Gpr.Rax), Gpr.Rsi)));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MovStoreImmediate(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        long[] imms = size switch
        {
            OperandSize.S8 => [0, 1, -1, 127, -128, 255],
            OperandSize.S16 => [0, -1, 0x7FFF, -0x8000, 0xFFFF],
            _ => [0, -1, 127, 128, int.MaxValue, int.MinValue],
        };
        foreach (Mem m in SomeMems())
            foreach (long imm in imms)
            {
                Instruction ins = One(a => a.Mov(size, m, (int)imm));
                string immBits = size == OperandSize.S64 ? "32" : Bits(size).ToString();
                Assert.Equal(CodeOf($"Mov_rm{Bits(size)}_imm{immBits}"), ins.Code);
                AssertMem(ins, m);
                AssertImm(ins, 1, imm, size);
            }
    }

    [Fact]
    public void MovImmediate64PicksTheShortestForm()
    {
        (long imm, Code code, int length)[] cases =
        [
            (0, Code.Mov_r32_imm32, 5),
            (1, Code.Mov_r32_imm32, 5),
            (0x7FFF_FFFF, Code.Mov_r32_imm32, 5),
            (0x8000_0000, Code.Mov_r32_imm32, 5),
            (0xFFFF_FFFF, Code.Mov_r32_imm32, 5),
            (-1, Code.Mov_rm64_imm32, 7),
            (int.MinValue, Code.Mov_rm64_imm32, 7),
            (0x1_0000_0000, Code.Mov_r64_imm64, 10),
            (long.MinValue, Code.Mov_r64_imm64, 10),
            (long.MaxValue, Code.Mov_r64_imm64, 10),
            (-0x8000_0001, Code.Mov_r64_imm64, 10),
        ];
        foreach (Gpr r in Gprs)
            foreach (var (imm, code, length) in cases)
            {
                byte[] bytes = Bytes(a => a.Mov(OperandSize.S64, r, imm));
                Instruction ins = One(bytes);
                Assert.Equal(code, ins.Code);
                // r8..r15 need REX.B, which the 32-bit form otherwise does without.
                Assert.Equal(length + (code == Code.Mov_r32_imm32 && r >= Gpr.R8 ? 1 : 0), bytes.Length);
                ulong value = code == Code.Mov_r32_imm32 ? (uint)ins.GetImmediate(1) : ins.GetImmediate(1);
                Assert.Equal((ulong)imm, value);
                Assert.Equal(code == Code.Mov_r32_imm32 ? R(r, OperandSize.S32) : R64(r), ins.Op0Register);
            }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MovImmediateNarrow(object sizeArg)
    {
        OperandSize size = (OperandSize)sizeArg;
        if (size == OperandSize.S64)
            return;
        long[] imms = size switch
        {
            OperandSize.S8 => [0, -1, 127, -128, 255],
            OperandSize.S16 => [0, -1, 0x7FFF, -0x8000, 0xFFFF],
            _ => [0, -1, int.MaxValue, int.MinValue, uint.MaxValue],
        };
        foreach (Gpr r in Gprs)
            foreach (long imm in imms)
            {
                Instruction ins = One(a => a.Mov(size, r, imm));
                Assert.Equal(CodeOf($"Mov_r{Bits(size)}_imm{Bits(size)}"), ins.Code);
                Assert.Equal(R(r, size), ins.Op0Register);
                AssertImm(ins, 1, imm, size);
            }
        Assert.Throws<ArgumentOutOfRangeException>(() => Bytes(a => a.Mov(size, Gpr.Rax, 1L << Bits(size))));
    }

    [Fact]
    public void MovzxMovsx()
    {
        foreach (OperandSize dstSize in WideSizes)
            foreach (OperandSize srcSize in (OperandSize[])[OperandSize.S8, OperandSize.S16])
                foreach (Gpr dst in Gprs)
                    foreach (Gpr src in Gprs)
                    {
                        Instruction zx = One(a => a.Movzx(dstSize, dst, srcSize, src));
                        Assert.Equal(CodeOf($"Movzx_r{Bits(dstSize)}_rm{Bits(srcSize)}"), zx.Code);
                        Assert.Equal(R(dst, dstSize), zx.Op0Register);
                        Assert.Equal(R(src, srcSize), zx.Op1Register);

                        Instruction sx = One(a => a.Movsx(dstSize, dst, srcSize, src));
                        Assert.Equal(CodeOf($"Movsx_r{Bits(dstSize)}_rm{Bits(srcSize)}"), sx.Code);
                        Assert.Equal(R(dst, dstSize), sx.Op0Register);
                        Assert.Equal(R(src, srcSize), sx.Op1Register);
                    }
        foreach (Gpr dst in Gprs)
            foreach (Gpr src in Gprs)
            {
                Instruction sxd = One(a => a.Movsxd(dst, src));
                Assert.Equal(Code.Movsxd_r64_rm32, sxd.Code);
                Assert.Equal(R64(dst), sxd.Op0Register);
                Assert.Equal(R(src, OperandSize.S32), sxd.Op1Register);
            }
    }

    [Fact]
    public void MovzxMovsxFromMemory()
    {
        foreach (Mem m in SomeMems())
        {
            Instruction zx = One(a => a.Movzx(OperandSize.S32, Gpr.R9, OperandSize.S8, m));
            Assert.Equal(Code.Movzx_r32_rm8, zx.Code);
            AssertMem(zx, m);
            Instruction sx = One(a => a.Movsx(OperandSize.S64, Gpr.Rdx, OperandSize.S16, m));
            Assert.Equal(Code.Movsx_r64_rm16, sx.Code);
            AssertMem(sx, m);
            Instruction sxd = One(a => a.Movsxd(Gpr.R13, m));
            Assert.Equal(Code.Movsxd_r64_rm32, sxd.Code);
            AssertMem(sxd, m);
        }
    }

    [Fact]
    public void Lea()
    {
        foreach (OperandSize size in (OperandSize[])[OperandSize.S32, OperandSize.S64])
            foreach (Mem m in Mems())
                foreach (Gpr r in (Gpr[])[Gpr.Rax, Gpr.R12])
                {
                    Instruction ins = One(a => a.Lea(size, r, m));
                    Assert.Equal(CodeOf($"Lea_r{Bits(size)}_m"), ins.Code);
                    Assert.Equal(R(r, size), ins.Op0Register);
                    AssertMem(ins, m);
                }
    }

    [Fact]
    public void MemoryOperandEncodingQuirks()
    {
        // [rsp] and [r12] need a SIB byte; [rbp] and [r13] need a zero disp8.
        Assert.Equal([0x8B, 0x04, 0x24], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rsp))));
        Assert.Equal([0x41, 0x8B, 0x04, 0x24], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.R12))));
        Assert.Equal([0x8B, 0x45, 0x00], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rbp))));
        Assert.Equal([0x41, 0x8B, 0x45, 0x00], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.R13))));
        // [rax] with no displacement is the 2-byte form.
        Assert.Equal([0x8B, 0x00], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rax))));
        // r12 is a valid index (REX.X distinguishes it from "no index").
        Assert.Equal([0x42, 0x8B, 0x04, 0xA0], Bytes(a => a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rax, Gpr.R12, 4))));
        Assert.Throws<ArgumentException>(() => Mem.At(Gpr.Rax, Gpr.Rsp, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mem.At(Gpr.Rax, Gpr.Rcx, 3));
    }
}
