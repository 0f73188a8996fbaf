using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Singlepass.X64;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64.Simd;

/// <summary>
/// The x64 SIMD lowering under every register aliasing the three-operand contract allows, in low and high
/// (xmm8-xmm13) registers, on both code paths. The generator always passes <c>dst == lhs</c> (the spec suite checks
/// those results), so each other shape, and the other path, must give bit for bit the result of that one.
/// </summary>
public sealed unsafe class SimdAliasingTests
{
    public enum Shape { DstIsLhs, DstIsRhs, DstDistinct, AllSame }

    private static Reg F(int i) => new((byte)i, RegClass.Float);
    private static readonly Reg In = new((byte)Gpr.Rdi, RegClass.Int), Out = new((byte)Gpr.Rsi, RegClass.Int);
    private static readonly Reg IntReg = new((byte)Gpr.R9, RegClass.Int);

    /// <summary>Three distinct registers per bank: low ones, and ones that need REX/VEX.R/B bits.</summary>
    private static readonly (int A, int B, int C)[] Banks = [(0, 1, 2), (8, 13, 11), (12, 9, 5)];

    private static (Reg Dst, Reg Lhs, Reg Rhs) Regs(Shape shape, (int A, int B, int C) bank) => shape switch
    {
        Shape.DstIsLhs => (F(bank.A), F(bank.A), F(bank.B)),
        Shape.DstIsRhs => (F(bank.B), F(bank.A), F(bank.B)),
        Shape.DstDistinct => (F(bank.C), F(bank.A), F(bank.B)),
        _ => (F(bank.A), F(bank.A), F(bank.A)),
    };

    public static TheoryData<object> BinaryOps() => [.. Enum.GetValues<V128BinOp>()];
    public static TheoryData<object> UnaryOps() => [.. Enum.GetValues<V128UnOp>()];
    public static TheoryData<object> ShiftOps() => [.. Enum.GetValues<V128ShiftOp>()];

    [X64Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinarySse(object op) => Binary((V128BinOp)op, avxToo: false);

    [AvxTheory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryAvxMatchesSse(object op) => Binary((V128BinOp)op, avxToo: true);

    private static void Binary(V128BinOp op, bool avxToo)
    {
        var reference = Run(false, m => m.V128Binary(op, F(0), F(0), F(1)), F(0), [F(0), F(1)]);
        foreach (bool avx in avxToo ? new[] { false, true } : [false])
            foreach (var bank in Banks)
                foreach (var shape in new[] { Shape.DstIsLhs, Shape.DstIsRhs, Shape.DstDistinct })
                {
                    var (d, l, r) = Regs(shape, bank);
                    var actual = Run(avx, m => m.V128Binary(op, d, l, r), d, [l, r]);
                    AssertSame(reference, actual, $"{op} {shape} xmm{d.Id},xmm{l.Id},xmm{r.Id} avx={avx}");
                }
    }

    [X64Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnarySse(object op) => Unary((V128UnOp)op, avxToo: false);

    [AvxTheory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryAvxMatchesSse(object op) => Unary((V128UnOp)op, avxToo: true);

    private static void Unary(V128UnOp op, bool avxToo)
    {
        var reference = Run(false, m => m.V128Unary(op, F(0), F(0)), F(0), [F(0)]);
        foreach (bool avx in avxToo ? new[] { false, true } : [false])
            foreach (var bank in Banks)
                foreach (bool same in new[] { true, false })
                {
                    Reg d = F(same ? bank.A : bank.C), s = F(bank.A);
                    var actual = Run(avx, m => m.V128Unary(op, d, s), d, [s]);
                    AssertSame(reference, actual, $"{op} xmm{d.Id},xmm{s.Id} avx={avx}");
                }
    }

    [X64Theory]
    [MemberData(nameof(ShiftOps))]
    public void ShiftsByRegisterAndImmediateAgree(object opArg)
    {
        V128ShiftOp op = (V128ShiftOp)opArg;
        bool avx = System.Runtime.Intrinsics.X86.Avx.IsSupported;
        foreach (int count in new[] { 0, 1, 3, 7, 8, 9, 15, 16, 31, 33, 63, 64, 65, -1 })
        {
            var reference = Run(false, m =>
            {
                m.LoadImm(ValType.I32, IntReg, (uint)count);
                m.V128Shift(op, F(0), F(0), Operand.Of(IntReg));
            }, F(0), [F(0)]);
            foreach (var bank in Banks)
                foreach (bool same in new[] { true, false })
                {
                    Reg d = F(same ? bank.A : bank.C), s = F(bank.A);
                    foreach (bool useAvx in avx ? new[] { false, true } : [false])
                    {
                        var imm = Run(useAvx, m => m.V128Shift(op, d, s, Operand.Immediate(count)), d, [s]);
                        AssertSame(reference, imm, $"{op} by {count} (immediate) avx={useAvx}");
                    }
                }
        }
    }

    [X64Fact]
    public void BitselectUnderEveryAliasing()
    {
        var reference = Run(false, m => m.V128Bitselect(F(0), F(0), F(1), F(2)), F(0), [F(0), F(1), F(2)]);
        foreach (bool avx in System.Runtime.Intrinsics.X86.Avx.IsSupported ? new[] { false, true } : [false])
            foreach (var (dst, a, b, c) in new[] { (3, 0, 1, 2), (1, 0, 1, 2), (2, 0, 1, 2), (8, 13, 11, 9), (9, 13, 11, 9) })
            {
                var actual = Run(avx, m => m.V128Bitselect(F(dst), F(a), F(b), F(c)), F(dst), [F(a), F(b), F(c)]);
                AssertSame(reference, actual, $"bitselect xmm{dst} <- xmm{a}, xmm{b}, xmm{c} avx={avx}");
            }
    }

    [X64Fact]
    public void ShuffleUnderEveryAliasing()
    {
        ulong lo = 0x1F_00_13_05_10_0F_1A_02, hi = 0x07_17_08_18_01_11_0E_1E;
        var reference = Run(false, m => m.V128Shuffle(F(0), F(0), F(1), lo, hi), F(0), [F(0), F(1)]);
        foreach (bool avx in System.Runtime.Intrinsics.X86.Avx.IsSupported ? new[] { false, true } : [false])
            foreach (var bank in Banks)
                foreach (var shape in new[] { Shape.DstIsLhs, Shape.DstIsRhs, Shape.DstDistinct })
                {
                    var (d, l, r) = Regs(shape, bank);
                    var actual = Run(avx, m => m.V128Shuffle(d, l, r, lo, hi), d, [l, r]);
                    AssertSame(reference, actual, $"shuffle {shape} avx={avx}");
                }
    }

    [X64Fact]
    public void ReplaceLaneUnderEveryAliasing()
    {
        foreach (var shape in Enum.GetValues<LaneShape>())
        {
            bool isFloat = shape is LaneShape.F32x4 or LaneShape.F64x2;
            int lanes = 16 / shape.LaneBytes();
            for (int lane = 0; lane < lanes; lane++)
            {
                int l = lane;
                var reference = Run(false, m => Replace(m, shape, isFloat, F(0), F(0), F(1), l), F(0), [F(0), F(1)]);
                foreach (bool avx in System.Runtime.Intrinsics.X86.Avx.IsSupported ? new[] { false, true } : [false])
                    foreach (var (d, v, x) in new[] { (2, 0, 1), (1, 0, 1), (8, 13, 11), (13, 13, 9) })
                    {
                        var actual = Run(avx, m => Replace(m, shape, isFloat, F(d), F(v), F(x), l), F(d), [F(v), F(x)]);
                        AssertSame(reference, actual, $"{shape}.replace_lane {lane} xmm{d},xmm{v},xmm{x} avx={avx}");
                    }
            }
        }
    }

    /// <summary>Integer shapes take the lane value from a general register: lane 0 of <paramref name="x"/> goes there first.</summary>
    private static void Replace(X64MacroAssembler m, LaneShape shape, bool isFloat, Reg d, Reg v, Reg x, int lane)
    {
        if (isFloat)
        {
            m.V128ReplaceLane(shape, d, v, x, lane);
            return;
        }
        m.V128ExtractLane(LaneShape.I64x2, false, IntReg, x, 0);
        m.V128ReplaceLane(shape, d, v, IntReg, lane);
    }

    // ---- harness --------------------------------------------------------------------------------------------

    /// <summary>Input vectors: random bytes, and lanes of special f32/f64 values and integer edge cases.</summary>
    private static readonly byte[][] Inputs = MakeInputs();

    private static byte[][] MakeInputs()
    {
        var rng = new Random(12345);
        var sets = new List<byte[]>();
        for (int i = 0; i < 6; i++)
        {
            var b = new byte[64];
            rng.NextBytes(b);
            sets.Add(b);
        }
        float[] f32 = [float.NaN, -0.0f, 0.0f, 1.5f, -2.5f, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f,
            4.5e9f, 2147483648f, 4294967296f, 1e-40f, BitConverter.Int32BitsToSingle(0x7FA0_0001), -1e38f, 0.5f];
        double[] f64 = [double.NaN, -0.0, 0.0, 2.5, -1.5, double.PositiveInfinity, double.NegativeInfinity, 4294967295.5,
            -2147483649.0, 2147483647.5, 1e300, 5e-324, BitConverter.Int64BitsToDouble(0x7FF4_0000_0000_0001), -0.5];
        for (int set = 0; set < 4; set++)
        {
            var b = new byte[64];
            for (int i = 0; i < 16; i++)
                BitConverter.TryWriteBytes(b.AsSpan(i * 4), f32[(i * 7 + set * 5) % f32.Length]);
            sets.Add(b);
            var d = new byte[64];
            for (int i = 0; i < 8; i++)
                BitConverter.TryWriteBytes(d.AsSpan(i * 8), f64[(i * 5 + set * 3) % f64.Length]);
            sets.Add(d);
        }
        byte[] edges = [0x00, 0x7F, 0x80, 0xFF, 0x01, 0xFE, 0x81, 0x7E];
        var e = new byte[64];
        for (int i = 0; i < 64; i++) e[i] = edges[(i * 3) % edges.Length];
        sets.Add(e);
        return [.. sets];
    }

    /// <summary>Loads vector i of each input set into <paramref name="loads"/>[i] (null: none), runs
    /// <paramref name="body"/>, and returns <paramref name="result"/> for every input set.
    /// <paramref name="sameInputs"/>: every vector is the set's first.</summary>
    private static byte[][] Run(bool avx, Action<X64MacroAssembler> body, Reg result, Reg?[] loads, bool sameInputs = false)
    {
        var masm = new X64MacroAssembler(avx);
        for (int i = 0; i < loads.Length; i++)
            if (loads[i] is { } r) masm.Load(ValType.V128, r, Addr.At(In, i * 16));
        body(masm);
        masm.Store(ValType.V128, Addr.At(Out, 0), result);
        masm.Assembler.Ret();
        masm.FinishFunction();
        masm.Labels.EnsureAllBound();
        Assert.True(masm.Scratches.AllFree, "a scratch scope was left open");
        using var code = new ExecutableMemory(masm.Buffer.WrittenSpan);
        var f = (delegate* unmanaged<byte*, byte*, void>)code.Address;
        var results = new byte[Inputs.Length][];
        for (int s = 0; s < Inputs.Length; s++)
        {
            var input = (byte[])Inputs[s].Clone();
            if (sameInputs)
                for (int i = 1; i < 4; i++) Array.Copy(input, 0, input, i * 16, 16);
            var output = new byte[16];
            fixed (byte* pi = input, po = output) f(pi, po);
            results[s] = output;
        }
        return results;
    }

    private static void AssertSame(byte[][] reference, byte[][] actual, string what)
    {
        for (int s = 0; s < reference.Length; s++)
            Assert.True(reference[s].AsSpan().SequenceEqual(actual[s]),
                $"{what}, input set {s}: {Convert.ToHexString(actual[s])}, expected {Convert.ToHexString(reference[s])}");
    }

    [X64Theory]
    [MemberData(nameof(BinaryOps))]
    public void AllSameAgrees(object opArg)
    {
        V128BinOp op = (V128BinOp)opArg;
        // the reference loads the first vector into both operands of a dst == lhs operation
        var reference = Run(false, m => m.V128Binary(op, F(0), F(0), F(1)), F(0), [F(0), F(1)], sameInputs: true);
        foreach (var bank in Banks)
        {
            var actual = Run(false, m => m.V128Binary(op, F(bank.A), F(bank.A), F(bank.A)), F(bank.A), [F(bank.A)]);
            for (int s = 0; s < reference.Length; s++)
                Assert.True(reference[s].AsSpan().SequenceEqual(actual[s]), $"{op}(x, x) in xmm{bank.A}, input set {s}");
        }
    }
}
