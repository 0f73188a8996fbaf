using WasmSharp.Singlepass.Arm64;
using Xunit;
using Xunit.Abstractions;
using static WasmSharp.Singlepass.Tests.Arm64.Arm64Check;

namespace WasmSharp.Singlepass.Tests.Arm64;

public class Arm64MemoryTests(ITestOutputHelper output)
{
    /// <summary>Mnemonic and register width of each integer load/store.</summary>
    private static (string Name, RegWidth Width) Describe(MemOp op) => op switch
    {
        MemOp.Strb => ("strb", RegWidth.W),
        MemOp.Ldrb => ("ldrb", RegWidth.W),
        MemOp.LdrsbX => ("ldrsb", RegWidth.X),
        MemOp.LdrsbW => ("ldrsb", RegWidth.W),
        MemOp.Strh => ("strh", RegWidth.W),
        MemOp.Ldrh => ("ldrh", RegWidth.W),
        MemOp.LdrshX => ("ldrsh", RegWidth.X),
        MemOp.LdrshW => ("ldrsh", RegWidth.W),
        MemOp.StrW => ("str", RegWidth.W),
        MemOp.LdrW => ("ldr", RegWidth.W),
        MemOp.Ldrsw => ("ldrsw", RegWidth.X),
        MemOp.StrX => ("str", RegWidth.X),
        _ => ("ldr", RegWidth.X),
    };

    private static string Unscaled(string name) => name[..2] + "u" + name[2..];

    /// <summary>Offsets at the edges of the scaled and unscaled forms for an access of 1 << log2 bytes.</summary>
    private static long[] Offsets(int log2)
    {
        long size = 1L << log2;
        return [0, size, 4095 * size, -1, -256, 255, 1 + (log2 == 0 ? 256 : 0), size * 7 + (log2 == 0 ? 0 : 1), -size];
    }

    private static string Address(XReg n, long offset) => offset == 0 ? $"[{X(n)}]" : $"[{X(n)}, {Imm(offset)}]";

    /// <summary>Capstone 4 prints a negative post-index offset as its 64-bit two's complement.</summary>
    private static string PostIndex(long offset) => offset < 0 ? $"#0x{(ulong)offset:x}" : Imm(offset);

    [Fact]
    public void ImmediateOffsets()
    {
        var c = new Arm64Check();
        foreach (MemOp op in Enum.GetValues<MemOp>())
        {
            var (name, w) = Describe(op);
            int log2 = op.SizeLog2();
            foreach (long offset in Offsets(log2))
            {
                bool scaled = offset >= 0 && offset % (1L << log2) == 0;
                string mnemonic = scaled ? name : Unscaled(name);
                foreach (XReg t in GprsAndZr)
                    c.Add($"{mnemonic} {X(t, w)}, {Address(XReg.X5, offset)}", a => a.Mem(op, t, XReg.X5, offset));
                foreach (XReg n in GprsAndSp)
                    c.Add($"{mnemonic} {X(XReg.X1, w)}, {Address(n, offset)}", a => a.Mem(op, XReg.X1, n, offset));
            }
            foreach (long offset in (long[])[-256, -16, 1, 255])
            {
                c.Add($"{name} {X(XReg.X2, w)}, [sp, {Imm(offset)}]!", a => a.Mem(op, XReg.X2, XReg.Sp, offset, AddrMode.PreIndex));
                c.Add($"{name} {X(XReg.X2, w)}, [x3], {PostIndex(offset)}", a => a.Mem(op, XReg.X2, XReg.X3, offset, AddrMode.PostIndex));
            }
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void ImmediateOffsetsOutOfRangeAreRefused()
    {
        var a = new Arm64Assembler();
        foreach (MemOp op in Enum.GetValues<MemOp>())
        {
            long size = 1L << op.SizeLog2();
            foreach (long offset in (long[])[4096 * size, -257, 4095 * size + 1 + (size == 1 ? 1 : 0), long.MinValue])
            {
                Assert.False(Arm64Assembler.IsEncodableOffset(op.SizeLog2(), offset), $"{op} {offset}");
                Assert.Throws<ArgumentOutOfRangeException>(() => a.Mem(op, XReg.X0, XReg.X1, offset));
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => a.Mem(op, XReg.X0, XReg.X1, 256, AddrMode.PreIndex));
            Assert.Throws<ArgumentException>(() => a.Mem(op, XReg.Sp, XReg.X1, 0));
            Assert.Throws<ArgumentException>(() => a.Mem(op, XReg.X0, XReg.Zr, 0));
        }
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void RegisterOffsets()
    {
        var c = new Arm64Check();
        foreach (MemOp op in Enum.GetValues<MemOp>())
        {
            var (name, w) = Describe(op);
            int log2 = op.SizeLog2();
            foreach (IndexExtend ext in Enum.GetValues<IndexExtend>())
                foreach (bool scaled in (bool[])[false, true])
                    foreach (XReg m in GprsAndZr)
                    {
                        RegWidth mw = ext is IndexExtend.Uxtw or IndexExtend.Sxtw ? RegWidth.W : RegWidth.X;
                        string amount = scaled ? $" #{log2}" : "";
                        string suffix = ext == IndexExtend.Lsl ? (scaled ? $", lsl #{log2}" : "") : $", {Lower(ext)}{amount}";
                        c.Add($"{name} {X(XReg.X9, w)}, [x28, {X(m, mw)}{suffix}]", a => a.MemIndexed(op, XReg.X9, XReg.X28, m, ext, scaled));
                    }
            c.Add($"{name} {X(XReg.X9, w)}, [sp, w3, uxtw]", a => a.MemIndexed(op, XReg.X9, XReg.Sp, XReg.X3, IndexExtend.Uxtw));
        }
        foreach (FpMemOp op in Enum.GetValues<FpMemOp>())
            foreach (VReg t in Vregs)
                c.Add($"{FpName(op)} {FpReg(op, t)}, [x1, w2, uxtw]", a => a.MemIndexed(op, t, XReg.X1, XReg.X2, IndexExtend.Uxtw));
        output.WriteLine($"{c.Verify()} words");
    }

    private static string FpName(FpMemOp op) => op.ToString()[..3].ToLowerInvariant();

    private static string FpReg(FpMemOp op, VReg r) => $"{char.ToLowerInvariant(op.ToString()[3])}{(int)r}";

    [Fact]
    public void FloatImmediateOffsets()
    {
        var c = new Arm64Check();
        foreach (FpMemOp op in Enum.GetValues<FpMemOp>())
        {
            int log2 = op.SizeLog2();
            foreach (long offset in Offsets(log2))
            {
                bool scaled = offset >= 0 && offset % (1L << log2) == 0;
                string mnemonic = scaled ? FpName(op) : Unscaled(FpName(op));
                foreach (VReg t in Vregs)
                    c.Add($"{mnemonic} {FpReg(op, t)}, {Address(XReg.X5, offset)}", a => a.Mem(op, t, XReg.X5, offset));
                c.Add($"{mnemonic} {FpReg(op, VReg.V3)}, {Address(XReg.Sp, offset)}", a => a.Mem(op, VReg.V3, XReg.Sp, offset));
            }
            c.Add($"{FpName(op)} {FpReg(op, VReg.V8)}, [sp, #-0x10]!", a => a.Mem(op, VReg.V8, XReg.Sp, -16, AddrMode.PreIndex));
            c.Add($"{FpName(op)} {FpReg(op, VReg.V8)}, [sp], #0x10", a => a.Mem(op, VReg.V8, XReg.Sp, 16, AddrMode.PostIndex));
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void Pairs()
    {
        var c = new Arm64Check();
        foreach (RegWidth w in Widths)
        {
            int size = w == RegWidth.X ? 8 : 4;
            foreach (int offset in (int[])[0, size, -64 * size, 63 * size, -2 * size])
                foreach (XReg t in GprsAndZr)
                {
                    XReg t2 = t == XReg.X30 ? XReg.X0 : t == XReg.Zr ? XReg.X1 : t + 1;
                    string off = offset == 0 ? "" : $", {Imm(offset)}";
                    c.Add($"stp {X(t, w)}, {X(t2, w)}, [sp{off}]", a => a.Stp(w, t, t2, XReg.Sp, offset));
                    c.Add($"ldp {X(t, w)}, {X(t2, w)}, [x7{off}]", a => a.Ldp(w, t, t2, XReg.X7, offset));
                    c.Add($"stp {X(t, w)}, {X(t2, w)}, [sp, {Imm(offset)}]!", a => a.Stp(w, t, t2, XReg.Sp, offset, AddrMode.PreIndex));
                    c.Add($"ldp {X(t, w)}, {X(t2, w)}, [sp], {Imm(offset)}", a => a.Ldp(w, t, t2, XReg.Sp, offset, AddrMode.PostIndex));
                }
        }
        foreach (FpSize s in FpSizes)
        {
            int size = s == FpSize.D ? 8 : 4;
            foreach (int offset in (int[])[0, size, -64 * size, 63 * size])
                foreach (VReg t in Vregs)
                {
                    VReg t2 = (VReg)(((int)t + 1) % 32);
                    string off = offset == 0 ? "" : $", {Imm(offset)}";
                    c.Add($"stp {V(t, s)}, {V(t2, s)}, [sp{off}]", a => a.Stp(s, t, t2, XReg.Sp, offset));
                    c.Add($"ldp {V(t, s)}, {V(t2, s)}, [x1, {Imm(offset)}]!", a => a.Ldp(s, t, t2, XReg.X1, offset, AddrMode.PreIndex));
                    c.Add($"ldp {V(t, s)}, {V(t2, s)}, [sp], {Imm(offset)}", a => a.Ldp(s, t, t2, XReg.Sp, offset, AddrMode.PostIndex));
                }
        }
        output.WriteLine($"{c.Verify()} words");
        var a = new Arm64Assembler();
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Stp(RegWidth.X, XReg.X0, XReg.X1, XReg.Sp, 64 * 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Stp(RegWidth.X, XReg.X0, XReg.X1, XReg.Sp, -65 * 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Stp(RegWidth.X, XReg.X0, XReg.X1, XReg.Sp, 4));
        Assert.Throws<ArgumentException>(() => a.Ldp(RegWidth.X, XReg.X0, XReg.X0, XReg.Sp, 0));
        Assert.Equal(0, a.Position);
    }
}
