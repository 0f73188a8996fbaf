using System.Globalization;
using WasmSharp.Singlepass.Arm64;
using Xunit;
using Xunit.Abstractions;
using static WasmSharp.Singlepass.Tests.Arm64.Arm64Check;

namespace WasmSharp.Singlepass.Tests.Arm64;

public class Arm64FloatTests(ITestOutputHelper output)
{
    [Fact]
    public void ArithmeticAndRounding()
    {
        var c = new Arm64Check();
        foreach (FpSize s in FpSizes)
            foreach (VReg d in Vregs)
            {
                VReg n = (VReg)(((int)d + 9) % 32), m = (VReg)(((int)d + 23) % 32);
                foreach (FpBinaryOp op in Enum.GetValues<FpBinaryOp>())
                    c.Add($"{Lower(op)} {V(d, s)}, {V(n, s)}, {V(m, s)}", a => a.FpBinary(op, s, d, n, m));
                foreach (FpUnaryOp op in Enum.GetValues<FpUnaryOp>())
                    c.Add($"{Lower(op)} {V(d, s)}, {V(n, s)}", a => a.FpUnary(op, s, d, n));
                c.Add($"fcmp {V(d, s)}, {V(n, s)}", a => a.Fcmp(s, d, n));
                c.Add($"fcmp {V(d, s)}, #0.0", a => a.FcmpZero(s, d));
                foreach (Cond cond in (Cond[])[Cond.Eq, Cond.Mi, Cond.Gt, Cond.Vs, Cond.Al])
                    c.Add($"fcsel {V(d, s)}, {V(n, s)}, {V(m, s)}, {Lower(cond)}", a => a.Fcsel(s, d, n, m, cond));
                FpSize other = s == FpSize.D ? FpSize.S : FpSize.D;
                c.Add($"fcvt {V(d, s)}, {V(n, other)}", a => a.Fcvt(s, d, n));
            }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void IntegerConversionsAndMoves()
    {
        var c = new Arm64Check();
        foreach (FpSize s in FpSizes)
            foreach (RegWidth w in Widths)
                foreach (XReg r in GprsAndZr)
                {
                    VReg v = (VReg)((int)r % 32 == 31 ? 31 : ((int)r * 7) % 32);
                    c.Add($"fcvtzs {X(r, w)}, {V(v, s)}", a => a.Fcvtzs(w, s, r, v));
                    c.Add($"fcvtzu {X(r, w)}, {V(v, s)}", a => a.Fcvtzu(w, s, r, v));
                    c.Add($"scvtf {V(v, s)}, {X(r, w)}", a => a.Scvtf(s, w, v, r));
                    c.Add($"ucvtf {V(v, s)}, {X(r, w)}", a => a.Ucvtf(s, w, v, r));
                }
        foreach (RegWidth w in Widths)
            foreach (XReg r in GprsAndZr)
                foreach (VReg v in SomeVregs)
                {
                    FpSize s = w == RegWidth.X ? FpSize.D : FpSize.S;
                    c.Add($"fmov {X(r, w)}, {V(v, s)}", a => a.FmovToGpr(w, r, v));
                    c.Add($"fmov {V(v, s)}, {X(r, w)}", a => a.FmovFromGpr(w, v, r));
                }
        output.WriteLine($"{c.Verify()} words");
    }

    /// <summary>All 256 imm8 values decoded by their definition; every one must encode and read back, anything else must be refused.</summary>
    [Fact]
    public void ImmediateMoves()
    {
        var c = new Arm64Check();
        var encodable = new HashSet<double>();
        for (int imm8 = 0; imm8 < 256; imm8++)
        {
            // the Arm ARM's VFPExpandImm: sign a, exponent NOT(b):c:d read as 3 bits biased by 3 (b=1 → -3..0, b=0 → 1..4)
            int sign = imm8 >> 7, bcd = (imm8 >> 4) & 7, mantissa = imm8 & 15;
            int exponent = (bcd ^ 4) - 3;
            double value = (sign == 1 ? -1 : 1) * (16 + mantissa) / 16.0 * Math.Pow(2, exponent);
            encodable.Add(value);
            string text = value.ToString("F8", CultureInfo.InvariantCulture);
            foreach (FpSize s in FpSizes)
                c.Add($"fmov {V(VReg.V5, s)}, #{text}", a => Assert.True(a.TryFmovImm(s, VReg.V5, value), $"{value}"));
        }
        Assert.Equal(256, encodable.Count);
        Assert.Contains(1.0, encodable);
        Assert.Contains(0.125, encodable);
        Assert.Contains(31.0, encodable);
        output.WriteLine($"{c.Verify()} words");

        var rng = new Random(8);
        var a = new Arm64Assembler();
        foreach (double v in (double[])[0.0, -0.0, 0.1, 32.0, 0.0625, 1.0 / 3, double.NaN, double.PositiveInfinity, 1e300, 1.0 + Math.Pow(2, -20)])
        {
            Assert.False(a.TryFmovImm(FpSize.D, VReg.V0, v), $"{v}");
            Assert.False(a.TryFmovImm(FpSize.S, VReg.V0, v), $"{v}");
        }
        for (int i = 0; i < 100_000; i++)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64()) is var r && i % 2 == 0 ? r : Math.Round(rng.NextDouble() * 64, rng.Next(5));
            Assert.Equal(encodable.Contains(v), FpImmediate.TryEncode(v, out _));
            Assert.Equal(encodable.Contains((float)v), FpImmediate.TryEncode((float)v, out _));
        }
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void SimdBasics()
    {
        var c = new Arm64Check();
        foreach (VReg d in Vregs)
        {
            VReg n = (VReg)(((int)d + 5) % 32), m = (VReg)(((int)d + 30) % 32);
            c.Add($"cnt v{(int)d}.8b, v{(int)n}.8b", a => a.Cnt8B(d, n));
            c.Add($"addv b{(int)d}, v{(int)n}.8b", a => a.Addv8B(d, n));
            c.Add($"bit v{(int)d}.8b, v{(int)n}.8b, v{(int)m}.8b", a => a.Bit(d, n, m));
            c.Add($"bit v{(int)d}.16b, v{(int)n}.16b, v{(int)m}.16b", a => a.Bit(d, n, m, full: true));
            c.Add($"eor v{(int)d}.8b, v{(int)n}.8b, v{(int)m}.8b", a => a.EorVector(d, n, m));
            c.Add($"eor v{(int)d}.16b, v{(int)n}.16b, v{(int)m}.16b", a => a.EorVector(d, n, m, full: true));
        }
        output.WriteLine($"{c.Verify()} words");
    }
}
