using WasmSharp.Singlepass.Arm64;
using Xunit;
using Xunit.Abstractions;
using static WasmSharp.Singlepass.Tests.Arm64.Arm64Check;

namespace WasmSharp.Singlepass.Tests.Arm64;

public class Arm64IntegerTests(ITestOutputHelper output)
{
    private static readonly ulong[] AddSubImms = [0, 1, 9, 10, 0xFFF, 0x1000, 0x5000, 0xFFF000];

    private static string AddSubName(AddSubOp op) => op switch
    {
        AddSubOp.Add => "add",
        AddSubOp.Adds => "adds",
        AddSubOp.Sub => "sub",
        _ => "subs",
    };

    private static string ImmText(ulong imm) => imm >= 0x1000 ? $"{Imm((long)(imm >> 12))}, lsl #12" : Imm((long)imm);

    [Fact]
    public void AddSubImmediates()
    {
        var c = new Arm64Check();
        foreach (AddSubOp op in Enum.GetValues<AddSubOp>())
            foreach (RegWidth w in Widths)
                foreach (XReg d in GprsAndSp)
                    foreach (XReg n in GprsAndSp)
                        foreach (ulong imm in (ulong[])[0, 0xFFF, 0x1000])
                        {
                            bool flags = op is AddSubOp.Adds or AddSubOp.Subs;
                            XReg dd = flags && d == XReg.Sp ? XReg.Zr : d;
                            string expected = flags && dd == XReg.Zr
                                ? $"{(op == AddSubOp.Subs ? "cmp" : "cmn")} {X(n, w)}, {ImmText(imm)}"
                                : op == AddSubOp.Add && imm == 0 && (d == XReg.Sp || n == XReg.Sp)
                                    ? $"mov {X(dd, w)}, {X(n, w)}"
                                    : $"{AddSubName(op)} {X(dd, w)}, {X(n, w)}, {ImmText(imm)}";
                            c.Add(expected, a => a.AddSubImm(op, w, dd, n, imm));
                        }
        foreach (ulong imm in AddSubImms)
            c.Add($"add x3, x4, {ImmText(imm)}", a => a.AddImm(RegWidth.X, XReg.X3, XReg.X4, imm));
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void AddSubImmediateRefusesWhatItCannotEncode()
    {
        var a = new Arm64Assembler();
        foreach (ulong imm in (ulong[])[0x1001, 0x1000000, 0xFFF001, ulong.MaxValue, 0x2000_0000])
        {
            Assert.False(AddSubImmediate.IsEncodable(imm), $"{imm:x}");
            Assert.Throws<ArgumentOutOfRangeException>(() => a.AddImm(RegWidth.X, XReg.X0, XReg.X1, imm));
        }
        Assert.Throws<ArgumentException>(() => a.AddImm(RegWidth.X, XReg.Zr, XReg.X1, 1)); // rd 31 is sp here
        Assert.Throws<ArgumentException>(() => a.AddImm(RegWidth.X, XReg.X0, XReg.Zr, 1));
        Assert.Throws<ArgumentException>(() => a.CmpImm(RegWidth.X, XReg.Zr, 1));
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void AddSubShiftedRegister()
    {
        var c = new Arm64Check();
        foreach (AddSubOp op in Enum.GetValues<AddSubOp>())
            foreach (RegWidth w in Widths)
                foreach (Shift s in (Shift[])[Shift.Lsl, Shift.Lsr, Shift.Asr])
                    foreach (int amount in (int[])[0, 1, w == RegWidth.X ? 63 : 31])
                    {
                        if (amount == 0 && s != Shift.Lsl)
                            continue;
                        string shift = amount == 0 ? "" : $", {Lower(s)} #{amount}";
                        foreach (XReg r in Gprs)
                        {
                            XReg d = r, n = (XReg)((int)(r + 7) % 31), m = (XReg)((int)(r + 19) % 31);
                            c.Add($"{AddSubName(op)} {X(d, w)}, {X(n, w)}, {X(m, w)}{shift}", a => a.AddSub(op, w, d, n, m, s, amount));
                        }
                        c.Add($"{AddSubName(op)} {X(XReg.X1, w)}, {X(XReg.X2, w)}, {X(XReg.Zr, w)}{shift}", a => a.AddSub(op, w, XReg.X1, XReg.X2, XReg.Zr, s, amount));
                    }
        foreach (RegWidth w in Widths)
        {
            c.Add($"cmp {X(XReg.X3, w)}, {X(XReg.X4, w)}", a => a.Cmp(w, XReg.X3, XReg.X4));
            c.Add($"neg {X(XReg.X3, w)}, {X(XReg.X4, w)}", a => a.Neg(w, XReg.X3, XReg.X4));
            c.Add($"add {X(XReg.X3, w)}, {X(XReg.X4, w)}, {X(XReg.X5, w)}", a => a.Add(w, XReg.X3, XReg.X4, XReg.X5));
            c.Add($"sub {X(XReg.X3, w)}, {X(XReg.X4, w)}, {X(XReg.X5, w)}", a => a.Sub(w, XReg.X3, XReg.X4, XReg.X5));
            // sp operands switch to the extended form
            c.Add($"add {X(XReg.Sp, w)}, {X(XReg.Sp, w)}, {X(XReg.X5, w)}", a => a.Add(w, XReg.Sp, XReg.Sp, XReg.X5));
            c.Add($"sub {X(XReg.X1, w)}, {X(XReg.Sp, w)}, {X(XReg.X5, w)}, lsl #3", a => a.AddSub(AddSubOp.Sub, w, XReg.X1, XReg.Sp, XReg.X5, Shift.Lsl, 3));
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void AddSubExtendedRegister()
    {
        var c = new Arm64Check();
        foreach (AddSubOp op in (AddSubOp[])[AddSubOp.Add, AddSubOp.Sub])
            foreach (RegWidth w in Widths)
                foreach (Extend e in Enum.GetValues<Extend>())
                    foreach (int amount in (int[])[0, 1, 4])
                        foreach (XReg n in (XReg[])[XReg.X0, XReg.X9, XReg.X30])
                        {
                            // the index register is a w register unless the extension is 64-bit
                            RegWidth mw = w == RegWidth.X && (e == Extend.Uxtx || e == Extend.Sxtx) ? RegWidth.X : RegWidth.W;
                            string ext = amount == 0 ? Lower(e) : $"{Lower(e)} #{amount}";
                            c.Add($"{AddSubName(op)} {X(XReg.X2, w)}, {X(n, w)}, {X(XReg.X17, mw)}, {ext}", a => a.AddSubExt(op, w, XReg.X2, n, XReg.X17, e, amount));
                        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void LogicalShiftedRegister()
    {
        var c = new Arm64Check();
        foreach (LogicOp op in Enum.GetValues<LogicOp>())
            foreach (RegWidth w in Widths)
                foreach (Shift s in Enum.GetValues<Shift>())
                    foreach (int amount in (int[])[0, 5, w == RegWidth.X ? 63 : 31])
                    {
                        if (amount == 0 && s != Shift.Lsl)
                            continue;
                        string shift = amount == 0 ? "" : $", {Lower(s)} #{amount}";
                        foreach (XReg r in Gprs)
                        {
                            XReg d = r, n = (XReg)((int)(r + 3) % 31), m = (XReg)((int)(r + 11) % 31);
                            c.Add($"{Lower(op)} {X(d, w)}, {X(n, w)}, {X(m, w)}{shift}", a => a.Logic(op, w, d, n, m, s, amount));
                        }
                    }
        foreach (RegWidth w in Widths)
        {
            c.Add($"mov {X(XReg.X3, w)}, {X(XReg.X4, w)}", a => a.Mov(w, XReg.X3, XReg.X4));
            c.Add($"mov {X(XReg.Sp, w)}, {X(XReg.X4, w)}", a => a.Mov(w, XReg.Sp, XReg.X4));
            c.Add($"mov {X(XReg.X29, w)}, {X(XReg.Sp, w)}", a => a.Mov(w, XReg.X29, XReg.Sp));
            c.Add($"mvn {X(XReg.X3, w)}, {X(XReg.X4, w)}", a => a.Mvn(w, XReg.X3, XReg.X4));
            c.Add($"tst {X(XReg.X3, w)}, {X(XReg.X4, w)}", a => a.Tst(w, XReg.X3, XReg.X4));
            c.Add($"mov {X(XReg.X3, w)}, {X(XReg.Zr, w)}", a => a.Mov(w, XReg.X3, XReg.Zr));
        }
        output.WriteLine($"{c.Verify()} words");
    }

    /// <summary>Every bitmask immediate of the architecture, built from its definition (element, run, rotation).</summary>
    internal static HashSet<ulong> AllBitmasks(RegWidth w) => w == RegWidth.X ? Bitmasks64 : Bitmasks32;

    private static readonly HashSet<ulong> Bitmasks32 = BuildBitmasks(RegWidth.W);
    private static readonly HashSet<ulong> Bitmasks64 = BuildBitmasks(RegWidth.X);

    private static HashSet<ulong> BuildBitmasks(RegWidth w)
    {
        var set = new HashSet<ulong>();
        int max = w == RegWidth.X ? 64 : 32;
        for (int size = 2; size <= max; size *= 2)
            for (int ones = 1; ones < size; ones++)
                for (int rot = 0; rot < size; rot++)
                {
                    ulong mask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
                    ulong run = (1UL << ones) - 1;
                    ulong element = ((run << rot) | (rot == 0 ? 0 : run >> (size - rot))) & mask;
                    ulong value = 0;
                    for (int i = 0; i < max; i += size)
                        value |= element << i;
                    set.Add(value);
                }
        return set;
    }

    [Fact]
    public void LogicalImmediateEveryEncodableValue()
    {
        var c = new Arm64Check();
        int count = 0;
        foreach (RegWidth w in Widths)
        {
            HashSet<ulong> all = AllBitmasks(w);
            Assert.Equal(w == RegWidth.X ? 5334 : 1302, all.Count);
            foreach (ulong value in all)
            {
                LogicOp op = (count++ % 3) switch { 0 => LogicOp.And, 1 => LogicOp.Eor, _ => LogicOp.Ands };
                string text = op == LogicOp.Ands ? "ands" : Lower(op);
                c.Add($"{text} {X(XReg.X1, w)}, {X(XReg.X2, w)}, {(value <= 9 ? $"#{value}" : $"#0x{value:x}")}", a => a.LogicImm(op, w, XReg.X1, XReg.X2, value));
            }
        }
        foreach (RegWidth w in Widths)
        {
            c.Add($"and {X(XReg.Sp, w)}, {X(XReg.X2, w)}, #0xff0", a => a.LogicImm(LogicOp.And, w, XReg.Sp, XReg.X2, 0xFF0));
            c.Add($"tst {X(XReg.X2, w)}, #1", a => a.TstImm(w, XReg.X2, 1));
            c.Add($"orr {X(XReg.X7, w)}, {X(XReg.Zr, w)}, #3", a => a.LogicImm(LogicOp.Orr, w, XReg.X7, XReg.Zr, 3));
            // the inverting ops complement the immediate
            c.Add($"and {X(XReg.X1, w)}, {X(XReg.X2, w)}, #0x{(w == RegWidth.X ? ~0xFUL : 0xFFFFFFF0UL):x}", a => a.LogicImm(LogicOp.Bic, w, XReg.X1, XReg.X2, 0xF));
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void LogicalImmediateRefusesEverythingElse()
    {
        var rng = new Random(11);
        foreach (RegWidth w in Widths)
        {
            HashSet<ulong> all = AllBitmasks(w);
            var samples = new List<ulong> { 0, w == RegWidth.X ? ulong.MaxValue : uint.MaxValue, 0x5, 0x1234, 0x8000_0001_0000_0000 };
            for (int i = 0; i < 200_000; i++)
            {
                ulong v = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
                samples.Add(w == RegWidth.X ? v : v & uint.MaxValue);
            }
            foreach (ulong v in samples)
                Assert.True(all.Contains(v) == LogicalImmediate.IsEncodable(v, w), $"{w} {v:x}");
        }
        // a 32-bit immediate with upper bits set is refused rather than truncated
        Assert.False(LogicalImmediate.IsEncodable(0x1_0000_0001, RegWidth.W));
        var a = new Arm64Assembler();
        Assert.Throws<ArgumentOutOfRangeException>(() => a.LogicImm(LogicOp.And, RegWidth.X, XReg.X0, XReg.X1, 0x1234));
        Assert.Throws<ArgumentException>(() => a.LogicImm(LogicOp.Ands, RegWidth.X, XReg.Sp, XReg.X1, 1));
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void MoveWide()
    {
        var c = new Arm64Check();
        foreach (RegWidth w in Widths)
            foreach (XReg d in GprsAndZr)
                foreach (int shift in w == RegWidth.X ? (int[])[0, 16, 32, 48] : [0, 16])
                    foreach (ushort imm in (ushort[])[0x1, 0x1234, 0xFFFF])
                    {
                        string sh = shift == 0 ? "" : $", lsl #{shift}";
                        // Capstone prints move-wide immediates in hex whatever their size
                        c.Add($"movz {X(d, w)}, #0x{imm:x}{sh}", a => a.Movz(w, d, imm, shift));
                        c.Add($"movk {X(d, w)}, #0x{imm:x}{sh}", a => a.Movk(w, d, imm, shift));
                        c.Add($"movn {X(d, w)}, #0x{imm:x}{sh}", a => a.Movn(w, d, imm, shift));
                    }
        output.WriteLine($"{c.Verify()} words");
    }

    /// <summary>Runs a movz/movn/movk/orr sequence as Capstone decoded it.</summary>
    private static ulong Simulate(string sequence, RegWidth w)
    {
        ulong value = 0;
        foreach (string ins in sequence.Split("; "))
        {
            string[] parts = ins.Replace(",", "").Split(' ');
            ulong imm = Convert.ToUInt64(parts[^1].StartsWith("#0x") ? parts[^1][3..] : parts[^1][1..], parts[^1].StartsWith("#0x") ? 16 : 10);
            int shift = 0;
            if (parts.Length > 3 && parts[^2] == "lsl")
            {
                shift = int.Parse(parts[^1][1..]);
                string raw = parts[^3];
                imm = Convert.ToUInt64(raw.StartsWith("#0x") ? raw[3..] : raw[1..], raw.StartsWith("#0x") ? 16 : 10);
            }
            value = parts[0] switch
            {
                "movz" => imm << shift,
                "movn" => ~(imm << shift),
                "movk" => (value & ~(0xFFFFUL << shift)) | imm << shift,
                "orr" => imm,
                _ => throw new InvalidOperationException(ins),
            };
        }
        return w == RegWidth.X ? value : value & uint.MaxValue;
    }

    [Fact]
    public void MovImmediateLoadsEveryConstantWithTheShortestSequence()
    {
        var rng = new Random(64);
        var values = new List<ulong> { 0, 1, ulong.MaxValue, 0xFFFF, 0x10000, 0xFFFF_0000, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF,
            0x1234_5678_9ABC_DEF0, 0xFFFF_FFFF_0000_FFFF, 0x0000_FFFF_FFFF_0000, 0x5555_5555_5555_5555, 0xFFFF_1234_FFFF_5678, 0x00FF_00FF_00FF_00FF };
        for (int i = 0; i < 1500; i++)
        {
            ulong v = (ulong)rng.NextInt64();
            // clear or fill random chunks so every strategy and length occurs
            for (int k = 0; k < 4; k++)
                if (rng.Next(3) == 0) v = rng.Next(2) == 0 ? v & ~(0xFFFFUL << (16 * k)) : v | 0xFFFFUL << (16 * k);
            values.Add(v);
        }
        int words = 0;
        foreach (RegWidth w in Widths)
            foreach (ulong v in values)
            {
                var a = new Arm64Assembler();
                int n = a.MovImm(w, XReg.X9, v);
                Assert.Equal(n * 4, a.Position);
                string text = string.Join("; ", Disassemble(a.Buffer.ToArray()));
                Assert.DoesNotContain("invalid", text);
                Assert.True(Simulate(text, w) == (w == RegWidth.X ? v : v & uint.MaxValue), $"{v:x} as {text}");
                Assert.True(n <= LowerBound(w, v), $"{v:x} took {n}: {text}");
                words += n;
            }
        output.WriteLine($"{words} words");
    }

    /// <summary>The length of the best movz/movn sequence, found by counting, or 1 for a bitmask immediate.</summary>
    private static int LowerBound(RegWidth w, ulong v)
    {
        int chunks = w == RegWidth.X ? 4 : 2;
        int nonZero = 0, nonOnes = 0;
        for (int i = 0; i < chunks; i++)
        {
            ulong chunk = (v >> (16 * i)) & 0xFFFF;
            if (chunk != 0) nonZero++;
            if (chunk != 0xFFFF) nonOnes++;
        }
        int best = Math.Max(1, Math.Min(nonZero, nonOnes));
        ulong value = w == RegWidth.X ? v : v & uint.MaxValue;
        return AllBitmasks(w).Contains(value) ? 1 : best;
    }

    [Fact]
    public void ShiftsAndBitfields()
    {
        var c = new Arm64Check();
        foreach (RegWidth w in Widths)
        {
            int bits = w == RegWidth.X ? 64 : 32;
            foreach (XReg r in Gprs)
            {
                XReg n = (XReg)((int)(r + 5) % 31), m = (XReg)((int)(r + 13) % 31);
                foreach (Shift s in Enum.GetValues<Shift>())
                    c.Add($"{Lower(s)} {X(r, w)}, {X(n, w)}, {X(m, w)}", a => a.ShiftVar(s, w, r, n, m));
            }
            foreach (Shift s in Enum.GetValues<Shift>())
                foreach (int amount in (int[])[1, 2, 7, 8, bits / 2, bits - 1])
                    foreach (XReg r in SomeGprs)
                        c.Add($"{Lower(s)} {X(r, w)}, {X(XReg.X3, w)}, {Imm(amount)}", a => a.ShiftImm(s, w, r, XReg.X3, amount));
            foreach (int lsb in (int[])[0, 1, 8, bits - 8])
                foreach (int width in (int[])[1, 4, 8])
                {
                    // lsb 0 with width 8/16/32 reads as sxtb/uxtb..., a field reaching the top as lsr/asr
                    if ((lsb == 0 && width == 8) || lsb + width == bits)
                        continue;
                    c.Add($"ubfx {X(XReg.X1, w)}, {X(XReg.X2, w)}, {Imm(lsb)}, {Imm(width)}", a => a.Ubfx(w, XReg.X1, XReg.X2, lsb, width));
                    c.Add($"sbfx {X(XReg.X1, w)}, {X(XReg.X2, w)}, {Imm(lsb)}, {Imm(width)}", a => a.Sbfx(w, XReg.X1, XReg.X2, lsb, width));
                    c.Add($"bfxil {X(XReg.X1, w)}, {X(XReg.X2, w)}, {Imm(lsb)}, {Imm(width)}", a => a.Bfxil(w, XReg.X1, XReg.X2, lsb, width));
                    if (lsb > 0)
                        c.Add($"bfi {X(XReg.X1, w)}, {X(XReg.X2, w)}, {Imm(lsb)}, {Imm(width)}", a => a.Bfi(w, XReg.X1, XReg.X2, lsb, width));
                }
            foreach (int lsb in (int[])[1, 17, bits - 1])
                c.Add($"extr {X(XReg.X1, w)}, {X(XReg.X2, w)}, {X(XReg.X3, w)}, {Imm(lsb)}", a => a.Extr(w, XReg.X1, XReg.X2, XReg.X3, lsb));
            c.Add($"sxtb {X(XReg.X1, w)}, w2", a => a.ExtendReg(Extend.Sxtb, w, XReg.X1, XReg.X2));
            c.Add($"sxth {X(XReg.X1, w)}, w2", a => a.ExtendReg(Extend.Sxth, w, XReg.X1, XReg.X2));
            c.Add("uxtb w1, w2", a => a.ExtendReg(Extend.Uxtb, w, XReg.X1, XReg.X2));
            c.Add("uxth w1, w2", a => a.ExtendReg(Extend.Uxth, w, XReg.X1, XReg.X2));
            c.Add("mov w1, w2", a => a.ExtendReg(Extend.Uxtw, w, XReg.X1, XReg.X2));
        }
        c.Add("sxtw x1, w2", a => a.ExtendReg(Extend.Sxtw, RegWidth.X, XReg.X1, XReg.X2));
        c.Add("mov x1, x2", a => a.ExtendReg(Extend.Uxtx, RegWidth.X, XReg.X1, XReg.X2));
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void MultiplyDivideAndBitCounting()
    {
        var c = new Arm64Check();
        foreach (XReg r in GprsAndZr)
        {
            XReg n = (XReg)((int)(r + 1) % 32), m = (XReg)((int)(r + 2) % 32), acc = (XReg)((int)(r + 3) % 31);
            foreach (RegWidth w in Widths)
            {
                c.Add($"madd {X(r, w)}, {X(n, w)}, {X(m, w)}, {X(acc, w)}", a => a.Madd(w, r, n, m, acc));
                c.Add($"msub {X(r, w)}, {X(n, w)}, {X(m, w)}, {X(acc, w)}", a => a.Msub(w, r, n, m, acc));
                c.Add($"mul {X(r, w)}, {X(n, w)}, {X(m, w)}", a => a.Mul(w, r, n, m));
                c.Add($"sdiv {X(r, w)}, {X(n, w)}, {X(m, w)}", a => a.Sdiv(w, r, n, m));
                c.Add($"udiv {X(r, w)}, {X(n, w)}, {X(m, w)}", a => a.Udiv(w, r, n, m));
                c.Add($"clz {X(r, w)}, {X(n, w)}", a => a.Clz(w, r, n));
                c.Add($"cls {X(r, w)}, {X(n, w)}", a => a.Cls(w, r, n));
                c.Add($"rbit {X(r, w)}, {X(n, w)}", a => a.Rbit(w, r, n));
                c.Add($"rev {X(r, w)}, {X(n, w)}", a => a.Rev(w, r, n));
                c.Add($"rev16 {X(r, w)}, {X(n, w)}", a => a.Rev16(w, r, n));
            }
            c.Add($"rev32 {X(r)}, {X(n)}", a => a.Rev32(r, n));
            c.Add($"smull {X(r)}, {W(n)}, {W(m)}", a => a.Smull(r, n, m));
            c.Add($"umull {X(r)}, {W(n)}, {W(m)}", a => a.Umull(r, n, m));
            c.Add($"smulh {X(r)}, {X(n)}, {X(m)}", a => a.Smulh(r, n, m));
            c.Add($"umulh {X(r)}, {X(n)}, {X(m)}", a => a.Umulh(r, n, m));
        }
        output.WriteLine($"{c.Verify()} words");
    }

    [Fact]
    public void ConditionalSelectAndCompare()
    {
        var c = new Arm64Check();
        foreach (RegWidth w in Widths)
            foreach (Cond cond in Enum.GetValues<Cond>())
            {
                string cc = Lower(cond);
                foreach (XReg r in SomeGprs)
                {
                    XReg n = (XReg)((int)(r + 1) % 31), m = (XReg)((int)(r + 2) % 31);
                    foreach (CondSelectOp op in Enum.GetValues<CondSelectOp>())
                        c.Add($"{Lower(op)} {X(r, w)}, {X(n, w)}, {X(m, w)}, {cc}", a => a.CondSelect(op, w, r, n, m, cond));
                    c.Add($"ccmp {X(r, w)}, {X(n, w)}, {Imm((int)r % 16)}, {cc}", a => a.Ccmp(w, r, n, (int)r % 16, cond));
                    c.Add($"ccmn {X(r, w)}, {X(n, w)}, {Imm(15 - (int)r % 16)}, {cc}", a => a.Ccmn(w, r, n, 15 - (int)r % 16, cond));
                    c.Add($"ccmp {X(r, w)}, {Imm((int)r)}, #0, {cc}", a => a.CcmpImm(w, r, (int)r, 0, cond));
                    c.Add($"ccmn {X(r, w)}, #0x1f, #0xf, {cc}", a => a.CcmnImm(w, r, 31, 15, cond));
                    if (cond < Cond.Al)
                    {
                        c.Add($"cset {X(r, w)}, {cc}", a => a.Cset(w, r, cond));
                        c.Add($"csetm {X(r, w)}, {cc}", a => a.Csetm(w, r, cond));
                        c.Add($"cinc {X(r, w)}, {X(n, w)}, {cc}", a => a.Cinc(w, r, n, cond));
                        c.Add($"cneg {X(r, w)}, {X(n, w)}, {cc}", a => a.Cneg(w, r, n, cond));
                    }
                }
            }
        output.WriteLine($"{c.Verify()} words");
        Assert.Throws<ArgumentOutOfRangeException>(() => new Arm64Assembler().Cset(RegWidth.W, XReg.X0, Cond.Al));
    }
}
