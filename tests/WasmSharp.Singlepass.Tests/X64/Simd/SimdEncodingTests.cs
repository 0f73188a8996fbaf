using Iced.Intel;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64.Simd;

/// <summary>
/// The SIMD lowering's instructions, decoded by Iced: constant-pool operands (RIP-relative to a label bound after
/// the code) in both encodings over all xmm registers, and every SIMD operation in high and low registers decodes
/// fully, with only SSE4.2-or-older legacy encodings on the SSE4.2 path and only VEX (AVX, never AVX2) on the AVX
/// path, so neither path needs more than its CPU level nor mixes encodings.
/// </summary>
public class SimdEncodingTests
{
    /// <summary>The ops the lowering applies to pool constants.</summary>
    private static readonly (string Name, SseOp Op)[] PoolOps =
    [
        ("Pand", SseOp.Pand), ("Pxor", SseOp.Pxor), ("Pshufb", SseOp.Pshufb), ("Paddusb", SseOp.Paddusb),
        ("Pcmpeqw", SseOp.Pcmpeqw), ("Andps", SseOp.Andps), ("Andpd", SseOp.Andpd), ("Xorps", SseOp.Xorps),
        ("Xorpd", SseOp.Xorpd), ("Pmaddubsw", SseOp.Pmaddubsw), ("Pmaddwd", SseOp.Pmaddwd), ("Paddd", SseOp.Paddd),
        ("Unpcklps", SseOp.Unpcklps), ("Subpd", SseOp.Subpd), ("Minpd", SseOp.Minpd), ("Addpd", SseOp.Addpd),
    ];

    [Fact]
    public void PoolOperandsReachTheirLabel()
    {
        var a = new X64Assembler();
        foreach (var (name, op) in PoolOps)
            foreach (Xmm x in Xmms)
                foreach (bool vex in new[] { false, true })
                {
                    a.Reset();
                    var label = a.CreateLabel();
                    if (vex) a.Avx(op, x, Xmm.Xmm13, Mem.Rip(label));
                    else a.Sse(op, x, Mem.Rip(label));
                    int length = a.Position;
                    a.Ret();
                    a.Align(16);
                    int target = a.Position;
                    a.Bind(label);
                    a.EmitBytes(new byte[16]);
                    var ins = One(a.Buffer.WrittenSpan[..length]);
                    Assert.Equal((vex ? "V" : "") + name, ins.Mnemonic.ToString(), ignoreCase: true);
                    Assert.Equal(X(x), ins.Op0Register);
                    if (vex) Assert.Equal(Register.XMM13, ins.Op1Register);
                    Assert.True(ins.IsIPRelativeMemoryOperand, ins.ToString());
                    Assert.Equal((ulong)target, ins.IPRelativeMemoryAddress);
                    Assert.Equal(0, target % 16);
                }
    }

    /// <summary>With an imm8 after the displacement (cmpps/pshufd forms), RIP-relative addressing counts it.</summary>
    [Fact]
    public void PoolOperandsWithAnImmediate()
    {
        var a = new X64Assembler();
        foreach (Xmm x in Xmms)
            foreach (bool vex in new[] { false, true })
            {
                a.Reset();
                var label = a.CreateLabel();
                if (vex) a.Avx(SseOp.Cmpps, x, Xmm.Xmm2, Mem.Rip(label), 3);
                else a.Sse(SseOp.Cmpps, x, Mem.Rip(label), 3);
                int length = a.Position;
                a.Align(16);
                int target = a.Position;
                a.Bind(label);
                a.EmitBytes(new byte[16]);
                var ins = One(a.Buffer.WrittenSpan[..length]);
                Assert.Equal((ulong)target, ins.IPRelativeMemoryAddress);
                Assert.Equal(3, ins.Immediate8);
            }
    }

    private static Reg F(int i) => new((byte)i, RegClass.Float);
    private static readonly Reg G9 = new((byte)Gpr.R9, RegClass.Int), G13 = new((byte)Gpr.R13, RegClass.Int);

    /// <summary>Every SIMD operation of the MacroAssembler, in the given registers.</summary>
    private static IEnumerable<(string What, Action<X64MacroAssembler> Emit)> Operations(int d, int l, int r, int m)
    {
        foreach (var op in Enum.GetValues<V128BinOp>()) yield return (op.ToString(), a => a.V128Binary(op, F(d), F(l), F(r)));
        foreach (var op in Enum.GetValues<V128UnOp>()) yield return (op.ToString(), a => a.V128Unary(op, F(d), F(l)));
        foreach (var op in Enum.GetValues<V128ShiftOp>())
        {
            yield return (op + " by register", a => a.V128Shift(op, F(d), F(l), Operand.Of(G13)));
            yield return (op + " by 5", a => a.V128Shift(op, F(d), F(l), Operand.Immediate(5)));
        }
        foreach (var op in Enum.GetValues<V128TestOp>()) yield return (op.ToString(), a => a.V128Test(op, G9, F(l)));
        foreach (var op in Enum.GetValues<V128LoadOp>())
            yield return (op.ToString(), a => a.V128Load(op, F(d), G13, 0x1234, a.CreateLabel()));
        foreach (int bytes in new[] { 1, 2, 4, 8 })
        {
            int lane = 15 / bytes;
            yield return ($"load{bytes * 8}_lane", a => a.V128LoadLane(bytes, F(d), G13, 8, lane, a.CreateLabel()));
            yield return ($"store{bytes * 8}_lane", a => a.V128StoreLane(bytes, F(d), G13, 8, lane, a.CreateLabel()));
        }
        foreach (var shape in Enum.GetValues<LaneShape>())
        {
            bool isFloat = shape is LaneShape.F32x4 or LaneShape.F64x2;
            int last = 16 / shape.LaneBytes() - 1;
            yield return ($"{shape}.splat", a => a.V128Splat(shape, F(d), isFloat ? F(r) : G9));
            yield return ($"{shape}.extract_lane", a => a.V128ExtractLane(shape, true, isFloat ? F(d) : G9, F(l), last));
            yield return ($"{shape}.replace_lane", a => a.V128ReplaceLane(shape, F(d), F(l), isFloat ? F(r) : G9, last));
        }
        yield return ("v128.store", a => a.V128Store(F(l), G13, 16, a.CreateLabel()));
        yield return ("v128.const", a => a.V128Const(F(d), 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210));
        yield return ("bitselect", a => a.V128Bitselect(F(d), F(l), F(r), F(m)));
        yield return ("shuffle", a => a.V128Shuffle(F(d), F(l), F(r), 0x1F_00_13_05_10_0F_1A_02, 0x07_17_08_18_01_11_0E_1E));
        yield return ("canonicalize f32", a => a.V128CanonicalizeNaN(false, F(d)));
        yield return ("canonicalize f64", a => a.V128CanonicalizeNaN(true, F(d)));
    }

    public static TheoryData<bool, bool> Paths() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryOperationDecodesWithinItsCpuLevel(bool avx, bool guardPages)
    {
        foreach (var (d, l, r, m) in new[] { (0, 1, 2, 3), (8, 9, 10, 11), (13, 12, 8, 4), (11, 11, 11, 11), (5, 13, 5, 13) })
            foreach (var (what, emit) in Operations(d, l, r, m))
            {
                var masm = new X64MacroAssembler(avx, guardPages);
                emit(masm);
                int codeEnd = masm.Buffer.Position;
                masm.Assembler.Ret();
                masm.FinishFunction();
                Assert.True(masm.Scratches.AllFree, $"{what}: a scratch scope was left open");
                foreach (var ins in All(masm.Buffer.WrittenSpan[..codeEnd]))
                {
                    string where = $"{what} (xmm{d}, xmm{l}, xmm{r}, xmm{m}) avx={avx}: {ins}";
                    var features = ins.Code.CpuidFeatures();
                    Assert.DoesNotContain(CpuidFeature.AVX2, features);
                    Assert.DoesNotContain(CpuidFeature.AVX512F, features);
                    if (!IsSimd(ins)) continue;
                    if (avx) Assert.True(ins.Encoding == EncodingKind.VEX, $"legacy SSE on the AVX path: {where}");
                    else Assert.True(ins.Encoding == EncodingKind.Legacy && !features.Contains(CpuidFeature.AVX), $"AVX on the SSE4.2 path: {where}");
                }
            }
    }

    /// <summary>Whether an instruction touches an xmm register.</summary>
    private static bool IsSimd(in Instruction ins)
    {
        for (int i = 0; i < ins.OpCount; i++)
            if (ins.GetOpKind(i) == OpKind.Register && ins.GetOpRegister(i).IsXMM()) return true;
        return false;
    }
}
