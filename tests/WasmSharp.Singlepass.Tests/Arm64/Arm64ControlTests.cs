using WasmSharp.Singlepass.Arm64;
using Xunit;
using Xunit.Abstractions;
using static WasmSharp.Singlepass.Tests.Arm64.Arm64Check;

namespace WasmSharp.Singlepass.Tests.Arm64;

public class Arm64ControlTests(ITestOutputHelper output)
{
    /// <summary>Capstone prints branch targets as absolute addresses (the code starts at 0).</summary>
    private static string Target(long address) => address < 0 ? $"#0x{(ulong)address:x}" : Imm(address);

    /// <summary>Byte displacements at the edges of each field, plus small ones.</summary>
    private static long[] Displacements(Arm64BranchKind kind)
    {
        long max = kind switch
        {
            Arm64BranchKind.Imm26 => (1L << 27) - 4,
            Arm64BranchKind.Imm14 => (1L << 15) - 4,
            _ => (1L << 20) - 4,
        };
        return [0, 4, -4, 8, 0x400, max, -max - 4];
    }

    /// <summary>
    /// Every PC-relative form at the edges of its field, every condition and register; the buffer offset of each
    /// instruction is its address for Capstone, so the expected target is offset + displacement.
    /// </summary>
    [Fact]
    public void Branches()
    {
        var c = new Arm64Check();
        int words = 0;
        foreach (long d in Displacements(Arm64BranchKind.Imm26))
        {
            CheckOne(c, "b", d, (a, t) => a.B(t));
            CheckOne(c, "bl", d, (a, t) => a.Bl(t));
        }
        foreach (long d in Displacements(Arm64BranchKind.Imm19))
        {
            foreach (Cond cond in Enum.GetValues<Cond>())
                CheckOne(c, $"b.{Lower(cond)}", d, (a, t) => a.BCond(cond, t));
            foreach (XReg r in GprsAndZr)
                foreach (RegWidth w in Widths)
                {
                    CheckOne(c, $"cbz {X(r, w)},", d, (a, t) => a.Cbz(w, r, t));
                    CheckOne(c, $"cbnz {X(r, w)},", d, (a, t) => a.Cbnz(w, r, t));
                }
            CheckOne(c, "ldr x3,", d, (a, t) => a.LdrLiteral(RegWidth.X, XReg.X3, t));
            CheckOne(c, "ldr w3,", d, (a, t) => a.LdrLiteral(RegWidth.W, XReg.X3, t));
            CheckOne(c, "ldr s3,", d, (a, t) => a.LdrLiteral(FpMemOp.LdrS, VReg.V3, t));
            CheckOne(c, "ldr d31,", d, (a, t) => a.LdrLiteral(FpMemOp.LdrD, VReg.V31, t));
            CheckOne(c, "ldr q0,", d, (a, t) => a.LdrLiteral(FpMemOp.LdrQ, VReg.V0, t));
        }
        foreach (long d in Displacements(Arm64BranchKind.Imm14))
            foreach (int bit in (int[])[0, 1, 31, 32, 63])
                foreach (XReg r in SomeGprs)
                {
                    string reg = bit < 32 ? W(r) : X(r);
                    CheckOne(c, $"tbz {reg}, {Imm(bit)},", d, (a, t) => a.Tbz(r, bit, t));
                    CheckOne(c, $"tbnz {reg}, {Imm(bit)},", d, (a, t) => a.Tbnz(r, bit, t));
                }
        foreach (long d in (long[])[0, 1, 3, -1, -5, (1 << 20) - 1, -(1 << 20)])
            foreach (XReg r in GprsAndZr)
                CheckOne(c, $"adr {X(r)},", d, (a, t) => a.Adr(r, t));
        words += c.Verify();
        output.WriteLine($"{words} words");
    }

    /// <summary>
    /// Emits one PC-relative instruction at offset <c>base</c> of the shared buffer, with a target <paramref name="d"/>
    /// bytes away. The buffer's offsets are Capstone's addresses, so the expected text names base + d.
    /// </summary>
    private static void CheckOne(Arm64Check c, string prefix, long d, Func<Arm64Assembler, int, int> emit)
    {
        // a target before address 0 is printed as Capstone does: its 64-bit two's complement
        int at = c.Asm.Position;
        long target = at + d;
        c.Add($"{prefix} {Target(target)}", a => Assert.Equal(at, emit(a, (int)target)));
    }

    [Fact]
    public void OutOfRangeBranchesAreRefused()
    {
        var a = new Arm64Assembler();
        a.Nop();
        int at = a.Position;
        Assert.Throws<ArgumentOutOfRangeException>(() => a.B(at + (1 << 27)));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.B(at - (1 << 27) - 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.B(at + 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.BCond(Cond.Eq, at + (1 << 20)));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Cbz(RegWidth.X, XReg.X0, at - (1 << 20) - 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Tbz(XReg.X0, 3, at + (1 << 15)));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Tbz(XReg.X0, 64, at));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Adr(XReg.X0, at + (1 << 20)));
        Assert.Equal(at, a.Position);
        Assert.True(Arm64Branches.IsInRange(Arm64BranchKind.Adr, -(1 << 20)));
        Assert.False(Arm64Branches.IsInRange(Arm64BranchKind.Imm19, 2));
    }

    /// <summary>Placeholders patched later (forward labels) decode to the patched target; out-of-range patches leave the word alone.</summary>
    [Fact]
    public void PatchingPlaceholders()
    {
        var a = new Arm64Assembler();
        var sites = new List<(int At, Arm64BranchKind Kind, string Prefix)>
        {
            (a.B(a.Position), Arm64BranchKind.Imm26, "b"),
            (a.Bl(a.Position), Arm64BranchKind.Imm26, "bl"),
            (a.BCond(Cond.Ge, a.Position), Arm64BranchKind.Imm19, "b.ge"),
            (a.Cbnz(RegWidth.W, XReg.X4, a.Position), Arm64BranchKind.Imm19, "cbnz w4,"),
            (a.Tbz(XReg.X9, 47, a.Position), Arm64BranchKind.Imm14, "tbz x9, #0x2f,"),
            (a.Adr(XReg.X12, a.Position), Arm64BranchKind.Adr, "adr x12,"),
            (a.LdrLiteral(RegWidth.X, XReg.X13, a.Position), Arm64BranchKind.Imm19, "ldr x13,"),
        };
        byte[] code = a.Buffer.ToArray();
        int checkedWords = 0;
        foreach (long d in (long[])[4, 0x7FFC, -0x8000, 0xFFFFC, -0x100000, 0x7FFFFFC, -0x8000000])
        {
            byte[] patched = (byte[])code.Clone();
            var expected = new List<string>();
            foreach (var (at, kind, prefix) in sites)
            {
                long target = at + d;
                bool ok = Arm64Branches.TryPatch(patched, at, (int)target, kind);
                Assert.Equal(Arm64Branches.IsInRange(kind, d), ok);
                if (d >= 0)
                    Assert.Equal(d <= Arm64Branches.MaxForward(kind), ok);
                // the CodeBuffer overload (the label layer's) writes the same word, or nothing
                var buffer = new CodeBuffer();
                buffer.EmitBytes(code);
                Assert.Equal(ok, Arm64Branches.TryPatch(buffer, at, (int)target, kind));
                Assert.Equal(Convert.ToHexString(patched.AsSpan(at, 4)), Convert.ToHexString(buffer.WrittenSpan.Slice(at, 4)));
                string before = Disassemble(code)[at / 4];
                string after = Disassemble(patched)[at / 4];
                if (ok)
                {
                    Assert.Equal($"{prefix} {Target(target)}", after);
                    checkedWords++;
                }
                else
                {
                    Assert.Equal(before, after);
                }
            }
        }
        Assert.True(checkedWords > 20);
        Assert.Equal("b #0", Disassemble(BitConverter.GetBytes(Arm64Branches.BranchPlaceholder))[0]);
        Assert.Equal(0x7FFFFFC, Arm64Branches.MaxForward(Arm64BranchKind.Imm26));
        Assert.Equal(0xFFFFC, Arm64Branches.MaxForward(Arm64BranchKind.Imm19));
        Assert.Equal(0x7FFC, Arm64Branches.MaxForward(Arm64BranchKind.Imm14));
        Assert.Equal(0xFFFFF, Arm64Branches.MaxForward(Arm64BranchKind.Adr));
        output.WriteLine($"{checkedWords} patched words");
    }

    [Fact]
    public void IndirectAndSystem()
    {
        var c = new Arm64Check();
        foreach (XReg r in Gprs)
        {
            c.Add($"br {X(r)}", a => a.Br(r));
            c.Add($"blr {X(r)}", a => a.Blr(r));
            c.Add(r == XReg.X30 ? "ret" : $"ret {X(r)}", a => a.Ret(r));
            c.Add($"mrs {X(r)}, fpcr", a => a.Mrs(r, SystemRegister.Fpcr));
            c.Add($"mrs {X(r)}, fpsr", a => a.Mrs(r, SystemRegister.Fpsr));
            c.Add($"msr nzcv, {X(r)}", a => a.Msr(SystemRegister.Nzcv, r));
            c.Add($"msr fpcr, {X(r)}", a => a.Msr(SystemRegister.Fpcr, r));
        }
        c.Add("ret", a => a.Ret());
        foreach (ushort imm in (ushort[])[0, 1, 0x1234, 0xFFFF])
            c.Add(imm == 0 ? "brk #0" : $"brk #0x{imm:x}", a => a.Brk(imm)); // always hex, like move-wide immediates
        foreach (BarrierOption b in Enum.GetValues<BarrierOption>())
            c.Add($"dmb {Lower(b)}", a => a.Dmb(b));
        c.Add("nop", a => a.Nop());
        output.WriteLine($"{c.Verify()} words");
        Assert.Throws<ArgumentException>(() => new Arm64Assembler().Blr(XReg.Sp));
        Assert.Throws<ArgumentException>(() => new Arm64Assembler().Br(XReg.Zr));
    }

    /// <summary>
    /// udf is "permanently undefined": Capstone 4 has no name for it and must reject the word, which must be the
    /// 16-bit immediate with every other bit clear (the architecture's encoding).
    /// </summary>
    [Fact]
    public void Udf()
    {
        foreach (ushort imm in (ushort[])[0, 1, 0xBEEF, 0xFFFF])
        {
            var a = new Arm64Assembler();
            a.Udf(imm);
            Assert.Equal((uint)imm, BitConverter.ToUInt32(a.Buffer.ToArray()));
            Assert.Equal(".invalid", Disassemble(a.Buffer.ToArray())[0]);
        }
    }
}
