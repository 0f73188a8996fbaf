using WasmSharp.Singlepass.Arm64;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// Every SIMD operator of the contract lowers on NEON (none refuses) for every aliasing of its operands, and the
/// code decodes fully with Capstone; v128 shows up anywhere in a module compiled for AArch64 (parameters, locals,
/// globals, calls) and compiles. Running it is tests/arm64/simd.sh's job (qemu).
/// </summary>
public class Arm64SimdLoweringTests
{
    private static readonly Reg A = new(3, RegClass.Float), B = new(17, RegClass.Float), C = new(29, RegClass.Float);
    private static readonly Reg I = new(5, RegClass.Int), J = new(22, RegClass.Int);

    /// <summary>dst, lhs, rhs: all distinct, dst = lhs, dst = rhs, all the same.</summary>
    private static readonly (Reg D, Reg L, Reg R)[] Aliasings = [(A, B, C), (A, A, B), (A, B, A), (A, A, A)];

    private static void Decodes(Arm64MacroAssembler masm)
    {
        byte[] code = masm.Buffer.ToArray();
        Assert.True(code.Length > 0);
        string[] texts = Arm64Check.Disassemble(code);
        int bad = Array.FindIndex(texts, t => t is null or ".invalid");
        Assert.True(bad < 0, $"invalid word 0x{(bad < 0 ? 0 : BitConverter.ToUInt32(code, bad * 4)):x8} at {bad * 4}");
    }

    [Fact]
    public void EveryOperatorLowersForEveryAliasing()
    {
        foreach (bool guard in (bool[])[true, false])
        {
            var m = new Arm64MacroAssembler(guard);
            var oob = m.CreateLabel();
            foreach (var (d, l, r) in Aliasings)
            {
                foreach (var op in Enum.GetValues<V128BinOp>()) m.V128Binary(op, d, l, r);
                foreach (var op in Enum.GetValues<V128UnOp>()) m.V128Unary(op, d, l);
                foreach (var op in Enum.GetValues<V128ShiftOp>())
                {
                    m.V128Shift(op, d, l, Operand.Immediate(0));
                    m.V128Shift(op, d, l, Operand.Immediate(67));
                    m.V128Shift(op, d, l, new Operand(false, I, 0));
                }
                foreach (var op in Enum.GetValues<V128TestOp>()) m.V128Test(op, I, l);
                m.V128Bitselect(d, l, r, C);
                m.V128Bitselect(d, l, r, d);
                m.V128Shuffle(d, l, r, 0x1F0E_1D0C_1B0A_1908UL, 0x0700_0102_0304_0506UL);
                foreach (var shape in Enum.GetValues<LaneShape>())
                {
                    bool isFloat = shape is LaneShape.F32x4 or LaneShape.F64x2;
                    Reg scalar = isFloat ? r : I;
                    m.V128Splat(shape, d, scalar);
                    int lanes = 16 / shape.LaneBytes();
                    for (int lane = 0; lane < lanes; lane++)
                    {
                        m.V128ExtractLane(shape, true, isFloat ? d : J, l, lane);
                        m.V128ExtractLane(shape, false, isFloat ? d : J, l, lane);
                        m.V128ReplaceLane(shape, d, l, scalar, lane);
                    }
                }
                m.V128CanonicalizeNaN(false, d);
                m.V128CanonicalizeNaN(true, d);
            }
            foreach (ulong offset in (ulong[])[0, 16, 4095, 1UL << 20, uint.MaxValue])
            {
                foreach (var op in Enum.GetValues<V128LoadOp>()) m.V128Load(op, A, I, offset, oob);
                m.V128Store(A, I, offset, oob);
                foreach (int bytes in (int[])[1, 2, 4, 8])
                    for (int lane = 0; lane < 16 / bytes; lane++)
                    {
                        m.V128LoadLane(bytes, A, I, offset, lane, oob);
                        m.V128StoreLane(bytes, A, I, offset, lane, oob);
                    }
            }
            foreach (var (lo, hi) in ((ulong, ulong)[])[(0, 0), (ulong.MaxValue, ulong.MaxValue), (5, 5), (1, 0), (1, 2)])
                m.V128Const(A, lo, hi);
            m.Move(ValType.V128, A, B);
            m.Load(ValType.V128, A, Addr.Frame(-32));
            m.Store(ValType.V128, Addr.Frame(-48), A);
            m.Load(ValType.V128, A, Addr.Frame(-100_000));
            m.Copy(ValType.V128, Addr.Frame(-64), Addr.Frame(-80));
            m.Select(ValType.V128, A, B, I);
            m.TrapStub(oob, TrapKind.OutOfBoundsMemoryAccess);
            Decodes(m);
        }
    }

    public static TheoryData<string> Uses() =>
    [
        "(func (param v128))",
        "(func (result v128) unreachable)",
        "(func (local v128))",
        "(func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 1 2)))",
        "(global v128 (v128.const i64x2 0 0)) (func (global.get 0) drop)",
        "(type $t (func (param v128))) (func (param i32) (call_indirect (type $t) (v128.const i64x2 0 0) (local.get 0))) (table 1 funcref)",
        "(func $f (param v128 f64 v128) (result v128) (local.get 2)) (func (result v128) (call $f (v128.const i32x4 1 2 3 4) (f64.const 1) (v128.const i32x4 5 6 7 8)))",
    ];

    [Theory]
    [MemberData(nameof(Uses))]
    public unsafe void EveryUseOfV128Compiles(string fields)
    {
        foreach (bool deterministic in (bool[])[false, true])
        {
            var engine = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64, Deterministic = deterministic });
            using var module = Module.FromBytes(engine, Wat.ToBinary($"(module {fields})"));
            var code = (SinglepassCode)module.Code;
            byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
            Assert.DoesNotContain(".invalid", Arm64Check.Disassemble(machine));
        }
    }
}
