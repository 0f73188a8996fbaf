using WasmSharp.Singlepass.Arm64;
using Xunit;
using Xunit.Abstractions;
using static WasmSharp.Singlepass.Tests.Arm64.Arm64Check;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>The NEON forms of Arm64Assembler.Simd.cs against Capstone, over v0–v31 and every size, lane and shift.</summary>
public class Arm64SimdTests(ITestOutputHelper output)
{
    private static readonly VSize[] Sizes = [VSize.B, VSize.H, VSize.S, VSize.D];

    /// <summary>The 128-bit arrangement of elements of <paramref name="s"/> (16b, 8h, 4s, 2d), or the 64-bit one.</summary>
    private static string T(VSize s, bool q = true) => s switch
    {
        VSize.B => q ? "16b" : "8b",
        VSize.H => q ? "8h" : "4h",
        VSize.S => q ? "4s" : "2s",
        _ => q ? "2d" : "1d",
    };

    private static string Vt(VReg r, VSize s, bool q = true) => $"v{(int)r}.{T(s, q)}";
    private static string El(VSize s) => Lower(s);
    /// <summary>Capstone prints lane indices above 9 in hex.</summary>
    private static string Ix(int i) => i > 9 ? $"0x{i:x}" : $"{i}";
    private static VReg N(VReg d) => (VReg)(((int)d + 9) % 32);
    private static VReg M(VReg d) => (VReg)(((int)d + 23) % 32);

    [Fact]
    public void ThreeSame()
    {
        var c = new Arm64Check();
        foreach (VReg d in Vregs)
        {
            VReg n = N(d), m = M(d);
            foreach (Neon3Op op in Enum.GetValues<Neon3Op>())
                foreach (VSize s in Sizes)
                {
                    bool valid = op switch
                    {
                        Neon3Op.Mul or Neon3Op.Smax or Neon3Op.Smin or Neon3Op.Umax or Neon3Op.Umin or Neon3Op.Urhadd => s != VSize.D,
                        Neon3Op.Sqrdmulh => s is VSize.H or VSize.S,
                        _ => true,
                    };
                    if (!valid) continue;
                    c.Add($"{Lower(op)} {Vt(d, s)}, {Vt(n, s)}, {Vt(m, s)}", a => a.Vec3(op, s, d, n, m));
                }
            foreach (NeonLogicOp op in Enum.GetValues<NeonLogicOp>())
                c.Add($"{Lower(op)} {Vt(d, VSize.B)}, {Vt(n, VSize.B)}, {Vt(m, VSize.B)}", a => a.VecLogic(op, d, n, m));
            c.Add($"mov {Vt(d, VSize.B)}, {Vt(n, VSize.B)}", a => a.VecMov(d, n));
            foreach (NeonFp3Op op in Enum.GetValues<NeonFp3Op>())
                foreach (bool is64 in (bool[])[false, true])
                {
                    var s = is64 ? VSize.D : VSize.S;
                    c.Add($"{Lower(op)} {Vt(d, s)}, {Vt(n, s)}, {Vt(m, s)}", a => a.VecFp3(op, is64, d, n, m));
                }
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void TwoRegisterMisc()
    {
        var c = new Arm64Check();
        foreach (VReg d in Vregs)
        {
            VReg n = N(d);
            c.Add($"cnt {Vt(d, VSize.B)}, {Vt(n, VSize.B)}", a => a.VecMisc(NeonMiscOp.Cnt, VSize.B, d, n));
            c.Add($"mvn {Vt(d, VSize.B)}, {Vt(n, VSize.B)}", a => a.VecMisc(NeonMiscOp.Not, VSize.B, d, n));
            foreach (VSize s in Sizes)
            {
                c.Add($"abs {Vt(d, s)}, {Vt(n, s)}", a => a.VecMisc(NeonMiscOp.Abs, s, d, n));
                c.Add($"neg {Vt(d, s)}, {Vt(n, s)}", a => a.VecMisc(NeonMiscOp.Neg, s, d, n));
                c.Add($"cmeq {Vt(d, s)}, {Vt(n, s)}, #0", a => a.VecMisc(NeonMiscOp.CmeqZero, s, d, n));
                c.Add($"cmgt {Vt(d, s)}, {Vt(n, s)}, #0", a => a.VecMisc(NeonMiscOp.CmgtZero, s, d, n));
                c.Add($"cmge {Vt(d, s)}, {Vt(n, s)}, #0", a => a.VecMisc(NeonMiscOp.CmgeZero, s, d, n));
                c.Add($"cmlt {Vt(d, s)}, {Vt(n, s)}, #0", a => a.VecMisc(NeonMiscOp.CmltZero, s, d, n));
                if (s == VSize.D) continue;
                VSize wide = s + 1;
                c.Add($"saddlp {Vt(d, wide)}, {Vt(n, s)}", a => a.VecMisc(NeonMiscOp.Saddlp, s, d, n));
                c.Add($"uaddlp {Vt(d, wide)}, {Vt(n, s)}", a => a.VecMisc(NeonMiscOp.Uaddlp, s, d, n));
                c.Add($"rev64 {Vt(d, s)}, {Vt(n, s)}", a => a.VecMisc(NeonMiscOp.Rev64, s, d, n));
                foreach (NeonMiscOp op in (NeonMiscOp[])[NeonMiscOp.Xtn, NeonMiscOp.Sqxtn, NeonMiscOp.Uqxtn, NeonMiscOp.Sqxtun])
                    foreach (bool q in (bool[])[false, true])
                        c.Add($"{Lower(op)}{(q ? "2" : "")} {Vt(d, s, q)}, {Vt(n, wide)}", a => a.VecMisc(op, s, d, n, q));
            }
            foreach (bool is64 in (bool[])[false, true])
            {
                var s = is64 ? VSize.D : VSize.S;
                foreach (NeonMiscOp op in (NeonMiscOp[])[NeonMiscOp.Frintn, NeonMiscOp.Frintm, NeonMiscOp.Frintp, NeonMiscOp.Frintz,
                             NeonMiscOp.Fcvtzs, NeonMiscOp.Fcvtzu, NeonMiscOp.Scvtf, NeonMiscOp.Ucvtf, NeonMiscOp.Fabs, NeonMiscOp.Fneg, NeonMiscOp.Fsqrt])
                    c.Add($"{Lower(op)} {Vt(d, s)}, {Vt(n, s)}", a => a.VecMiscFp(op, is64, d, n));
                var narrow = is64 ? VSize.S : VSize.H;
                foreach (bool q in (bool[])[false, true])
                {
                    c.Add($"fcvtn{(q ? "2" : "")} {Vt(d, narrow, q)}, {Vt(n, s)}", a => a.VecMiscFp(NeonMiscOp.Fcvtn, is64, d, n, q));
                    c.Add($"fcvtl{(q ? "2" : "")} {Vt(d, s)}, {Vt(n, narrow, q)}", a => a.VecMiscFp(NeonMiscOp.Fcvtl, is64, d, n, q));
                }
            }
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void AcrossLongAndShifts()
    {
        var c = new Arm64Check();
        foreach (VReg d in Vregs)
        {
            VReg n = N(d), m = M(d);
            foreach (VSize s in (VSize[])[VSize.B, VSize.H, VSize.S])
            {
                string scalar = $"{El(s)}{(int)d}";
                c.Add($"addv {scalar}, {Vt(n, s)}", a => a.VecAcross(NeonAcrossOp.Addv, s, d, n));
                c.Add($"umaxv {scalar}, {Vt(n, s)}", a => a.VecAcross(NeonAcrossOp.Umaxv, s, d, n));
                c.Add($"uminv {scalar}, {Vt(n, s)}", a => a.VecAcross(NeonAcrossOp.Uminv, s, d, n));
                foreach (bool u in (bool[])[false, true])
                    foreach (bool high in (bool[])[false, true])
                        c.Add($"{(u ? "u" : "s")}mull{(high ? "2" : "")} {Vt(d, s + 1)}, {Vt(n, s, high)}, {Vt(m, s, high)}",
                            a => a.VecMull(u, s, d, n, m, high));
            }
            c.Add($"addp d{(int)d}, {Vt(n, VSize.D)}", a => a.AddpScalar(d, n));
            foreach (VSize s in Sizes)
            {
                int bits = 8 << (int)s;
                foreach (int sh in (int[])[0, 1, bits / 2, bits - 1])
                    c.Add($"shl {Vt(d, s)}, {Vt(n, s)}, {Imm(sh)}", a => a.VecShiftImm(NeonShiftImmOp.Shl, s, d, n, sh));
                foreach (int sh in (int[])[1, bits / 2, bits - 1, bits])
                {
                    c.Add($"sshr {Vt(d, s)}, {Vt(n, s)}, {Imm(sh)}", a => a.VecShiftImm(NeonShiftImmOp.Sshr, s, d, n, sh));
                    c.Add($"ushr {Vt(d, s)}, {Vt(n, s)}, {Imm(sh)}", a => a.VecShiftImm(NeonShiftImmOp.Ushr, s, d, n, sh));
                }
                if (s == VSize.D) continue;
                foreach (bool q in (bool[])[false, true])
                {
                    string two = q ? "2" : "";
                    c.Add($"sshll{two} {Vt(d, s + 1)}, {Vt(n, s, q)}, #0", a => a.VecShiftImm(NeonShiftImmOp.Sshll, s, d, n, 0, q));
                    c.Add($"ushll{two} {Vt(d, s + 1)}, {Vt(n, s, q)}, #0", a => a.VecShiftImm(NeonShiftImmOp.Ushll, s, d, n, 0, q));
                    c.Add($"sshll{two} {Vt(d, s + 1)}, {Vt(n, s, q)}, #1", a => a.VecShiftImm(NeonShiftImmOp.Sshll, s, d, n, 1, q));
                }
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new Arm64Assembler().VecShiftImm(NeonShiftImmOp.Shl, VSize.B, VReg.V0, VReg.V0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Arm64Assembler().VecShiftImm(NeonShiftImmOp.Ushr, VSize.S, VReg.V0, VReg.V0, 0));
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void LanesAndPermutes()
    {
        var c = new Arm64Check();
        foreach (VReg d in Vregs)
        {
            VReg n = N(d), m = M(d);
            XReg g = (XReg)((int)d % 31);
            foreach (VSize s in Sizes)
            {
                string gp = s == VSize.D ? X(g) : W(g);
                c.Add($"dup {Vt(d, s)}, {gp}", a => a.DupGeneral(s, d, g));
                for (int lane = 0; lane < 16 >> (int)s; lane++)
                {
                    int i = lane;
                    string el = $"v{(int)n}.{El(s)}[{Ix(i)}]";
                    c.Add($"dup {Vt(d, s)}, {el}", a => a.DupElement(s, d, n, i));
                    c.Add($"mov {El(s)}{(int)d}, {el}", a => a.DupScalar(s, d, n, i));
                    c.Add($"{(s >= VSize.S ? "mov" : "umov")} {gp}, {el}", a => a.Umov(s, g, n, i));
                    if (s < VSize.S) c.Add($"smov {W(g)}, {el}", a => a.Smov(s, RegWidth.W, g, n, i));
                    if (s < VSize.D) c.Add($"smov {X(g)}, {el}", a => a.Smov(s, RegWidth.X, g, n, i));
                    c.Add($"ins v{(int)d}.{El(s)}[{Ix(i)}], {gp}", a => a.InsGeneral(s, d, i, g));
                    int j = (16 >> (int)s) - 1 - i;
                    c.Add($"ins v{(int)d}.{El(s)}[{Ix(i)}], v{(int)n}.{El(s)}[{Ix(j)}]", a => a.InsElement(s, d, i, n, j));
                    c.Add($"ld1 {{ v{(int)d}.{El(s)} }}[{Ix(i)}], [{X(g == XReg.X0 ? XReg.X1 : g)}]".Replace("{ ", "{").Replace(" }", "}"),
                        a => a.VecLane(true, s, d, i, g == XReg.X0 ? XReg.X1 : g));
                    c.Add($"st1 {{v{(int)d}.{El(s)}}}[{Ix(i)}], [sp]", a => a.VecLane(false, s, d, i, XReg.Sp));
                }
                c.Add($"ld1r {{{Vt(d, s)}}}, [{X(g)}]", a => a.Ld1r(s, d, g));
                foreach (NeonPermuteOp op in Enum.GetValues<NeonPermuteOp>())
                    c.Add($"{Lower(op)} {Vt(d, s)}, {Vt(n, s)}, {Vt(m, s)}", a => a.Permute(op, s, d, n, m));
            }
            c.Add($"movi {Vt(d, VSize.D)}, #0000000000000000", a => a.MoviAll(d, false));
            c.Add($"movi {Vt(d, VSize.D)}, #0xffffffffffffffff", a => a.MoviAll(d, true));
            for (int count = 1; count <= 4; count++)
            {
                int k = count;
                string list = string.Join(", ", Enumerable.Range(0, k).Select(x => Vt((VReg)(((int)n + x) % 32), VSize.B)));
                c.Add($"tbl {Vt(d, VSize.B)}, {{{list}}}, {Vt(m, VSize.B)}", a => a.Tbl(d, n, k, m));
            }
            foreach (int idx in (int[])[0, 1, 8, 15])
                c.Add($"ext {Vt(d, VSize.B)}, {Vt(n, VSize.B)}, {Vt(m, VSize.B)}, {Imm(idx)}", a => a.Ext(d, n, m, idx));
        }
        output.WriteLine($"{c.Verify()} words");
    }
}
