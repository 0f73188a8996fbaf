using Xunit;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Singlepass.X64;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>
/// The x64 lowering of the three-operand contract (<c>dst = lhs op rhs</c>) under every aliasing the contract
/// allows, and with immediates x86 cannot encode, run and compared with C#. The generator mostly passes
/// <c>dst == lhs</c> (other shapes when a result goes straight into a pinned local's register), so these are the
/// main checks of the other shapes.
/// </summary>
public sealed unsafe class ThreeOperandTests
{
    // System V: the first integer arguments arrive in rdi and rsi, the first float arguments in xmm0 and xmm1
    private static readonly Reg A = new((byte)Gpr.Rdi, RegClass.Int), B = new((byte)Gpr.Rsi, RegClass.Int), C = new((byte)Gpr.R8, RegClass.Int);
    private static readonly Reg FA = new(0, RegClass.Float), FB = new(1, RegClass.Float), FC = new(2, RegClass.Float);

    public enum Shape { DstIsLhs, DstIsRhs, DstDistinct, AllSame }

    private static (Reg Dst, Reg Lhs, Reg Rhs) Regs(Shape shape, Reg a, Reg b, Reg c) => shape switch
    {
        Shape.DstIsLhs => (a, a, b),
        Shape.DstIsRhs => (b, a, b),
        Shape.DstDistinct => (c, a, b),
        _ => (a, a, a),
    };

    public static TheoryData<object, bool, Shape> IntCases() => IntCasesOf(Enum.GetValues<Shape>());

    /// <summary>An immediate has no register to alias: dst is lhs or another register.</summary>
    public static TheoryData<object, bool, Shape> ImmediateCases() => IntCasesOf([Shape.DstIsLhs, Shape.DstDistinct]);

    private static TheoryData<object, bool, Shape> IntCasesOf(Shape[] shapes)
    {
        var data = new TheoryData<object, bool, Shape>();
        foreach (var op in Enum.GetValues<IntBinOp>())
            foreach (bool is64 in new[] { false, true })
                foreach (var shape in shapes) data.Add(op, is64, shape);
        return data;
    }

    [X64Theory]
    [MemberData(nameof(IntCases))]
    public void IntBinaryRegisters(object opArg, bool is64, Shape shape)
    {
        IntBinOp op = (IntBinOp)opArg;
        var (dst, lhs, rhs) = Regs(shape, A, B, C);
        var f = CompileInt(m => m.IntBinary(op, is64, dst, lhs, Operand.Of(rhs)), dst);
        foreach (var (a, b) in IntInputs)
        {
            long b2 = shape == Shape.AllSame ? a : b;
            Assert.Equal(Reference(op, is64, a, b2), Result(is64, f.Call(a, b)));
        }
    }

    [X64Theory]
    [MemberData(nameof(ImmediateCases))]
    public void IntBinaryImmediates(object opArg, bool is64, Shape shape)
    {
        IntBinOp op = (IntBinOp)opArg;
        var (dst, lhs, _) = Regs(shape, A, B, C);
        foreach (long imm in new[] { 5L, -3L, 0x7FFF_FFFFL, int.MinValue, 0x1_2345_6789_ABCDL, long.MinValue + 7 })
        {
            long v = is64 ? imm : (int)imm;
            var f = CompileInt(m => m.IntBinary(op, is64, dst, lhs, Operand.Immediate(v)), dst);
            foreach (var (a, _) in IntInputs) Assert.Equal(Reference(op, is64, a, v), Result(is64, f.Call(a, 0)));
        }
    }

    [X64Theory]
    [InlineData(DivOp.DivS, Shape.DstIsRhs)]
    [InlineData(DivOp.DivU, Shape.DstDistinct)]
    [InlineData(DivOp.RemS, Shape.DstIsRhs)]
    [InlineData(DivOp.RemU, Shape.DstIsLhs)]
    public void IntDivRemAliasing(object opArg, Shape shape)
    {
        DivOp op = (DivOp)opArg;
        var (dst, lhs, rhs) = Regs(shape, A, B, C);
        var f = CompileInt(m =>
        {
            var trap = m.CreateLabel();
            var done = m.CreateLabel();
            m.IntDivRem(op, true, dst, lhs, rhs, new TrapLabels(trap, trap, trap, trap));
            m.Jump(done);
            m.Bind(trap);
            m.LoadImm(ValType.I64, dst, 999);
            m.Bind(done);
        }, dst);
        foreach (var (a, b) in new[] { (100L, 7L), (-100L, 7L), (100L, -7L), (long.MinValue, -1L), (5L, 0L) })
        {
            long expected = b == 0 || (op == DivOp.DivS && a == long.MinValue && b == -1) ? 999 : op switch
            {
                DivOp.DivS => a / b,
                DivOp.DivU => (long)((ulong)a / (ulong)b),
                DivOp.RemS => b == -1 ? 0 : a % b,
                _ => (long)((ulong)a % (ulong)b),
            };
            Assert.Equal(expected, f.Call(a, b));
        }
    }

    public static TheoryData<object, Shape> FloatCases()
    {
        var data = new TheoryData<object, Shape>();
        foreach (var op in Enum.GetValues<FloatBinOp>())
            foreach (var shape in Enum.GetValues<Shape>()) data.Add(op, shape);
        return data;
    }

    [X64Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatBinarySse(object op, Shape shape) => FloatBinary((FloatBinOp)op, shape, avx: false);

    [AvxTheory]
    [MemberData(nameof(FloatCases))]
    public void FloatBinaryAvx(object op, Shape shape) => FloatBinary((FloatBinOp)op, shape, avx: true);

    private static void FloatBinary(FloatBinOp op, Shape shape, bool avx)
    {
        const bool is64 = true;
        var (dst, lhs, rhs) = Regs(shape, FA, FB, FC);
        var masm = new X64MacroAssembler(avx);
        masm.FloatBinary(op, is64, dst, lhs, rhs);
        masm.Move(ValType.F64, FA, dst);
        masm.Assembler.Ret();
        Assert.True(masm.Scratches.AllFree);
        using var mem = new ExecutableMemory(masm.Buffer.WrittenSpan);
        var f = (delegate* unmanaged<double, double, double>)mem.Address;
        foreach (var (a, b) in new[] { (1.5, -2.25), (-0.0, 0.0), (0.0, -0.0), (double.NaN, 1.0), (3.0, double.NegativeInfinity), (-7.0, 7.0) })
        {
            double b2 = shape == Shape.AllSame ? a : b;
            double expected = op switch
            {
                FloatBinOp.Add => a + b2, FloatBinOp.Sub => a - b2, FloatBinOp.Mul => a * b2, FloatBinOp.Div => a / b2,
                FloatBinOp.Min => Math.Min(a, b2), FloatBinOp.Max => Math.Max(a, b2), _ => Math.CopySign(a, b2),
            };
            double actual = f(a, b);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"{op}({a}, {b2}) = {actual}, expected NaN");
            else Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    /// <summary>Into another register, adding or subtracting a constant, or adding two registers, is one lea (no copy first).</summary>
    [Fact]
    public void AddImmediateIntoAnotherRegisterIsOneLea()
    {
        foreach (bool is64 in new[] { false, true })
            foreach (var op in new[] { IntBinOp.Add, IntBinOp.Sub })
            {
                var masm = new X64MacroAssembler(avx: false);
                masm.IntBinary(op, is64, C, B, Operand.Immediate(8));
                var ins = Disasm.One(masm.Buffer.WrittenSpan);
                Assert.Equal(is64 ? Iced.Intel.Code.Lea_r64_m : Iced.Intel.Code.Lea_r32_m, ins.Code);
                Assert.Equal(op == IntBinOp.Add ? 8 : -8, (long)ins.MemoryDisplacement64);
            }
        foreach (bool is64 in new[] { false, true })
        {
            var masm = new X64MacroAssembler(avx: false);
            masm.IntBinary(IntBinOp.Add, is64, C, A, Operand.Of(B));
            Assert.Equal(is64 ? Iced.Intel.Code.Lea_r64_m : Iced.Intel.Code.Lea_r32_m, Disasm.One(masm.Buffer.WrittenSpan).Code);
        }
    }

    /// <summary>With AVX, arithmetic into another register is one three-operand instruction, dst == rhs included.</summary>
    [Theory]
    [InlineData(Shape.DstDistinct)]
    [InlineData(Shape.DstIsRhs)]
    public void AvxArithmeticIntoAnotherRegisterIsOneInstruction(Shape shape)
    {
        var (dst, lhs, rhs) = Regs(shape, FA, FB, FC);
        foreach (var op in new[] { FloatBinOp.Add, FloatBinOp.Sub, FloatBinOp.Mul, FloatBinOp.Div })
        {
            var masm = new X64MacroAssembler(avx: true);
            masm.FloatBinary(op, true, dst, lhs, rhs);
            var ins = Disasm.One(masm.Buffer.WrittenSpan);
            Assert.Equal((int)dst.Id, ins.Op0Register - Iced.Intel.Register.XMM0);
            Assert.Equal((int)lhs.Id, ins.Op1Register - Iced.Intel.Register.XMM0);
            Assert.Equal((int)rhs.Id, ins.Op2Register - Iced.Intel.Register.XMM0);
        }
    }

    private static readonly (long, long)[] IntInputs =
    [
        (12345, 678), (-1, 3), (long.MinValue, 63), (0x7FFF_FFFF_0000_0001, -2), (0x0123_4567_89AB_CDEF, 35), (0, 0),
    ];

    private sealed class IntFunction(ExecutableMemory memory) : IDisposable
    {
        public long Call(long a, long b) => ((delegate* unmanaged<long, long, long>)memory.Address)(a, b);
        public void Dispose() => memory.Dispose();
    }

    /// <summary><c>long f(long a, long b)</c> running <paramref name="body"/> on a = rdi, b = rsi, returning <paramref name="result"/>.</summary>
    private static IntFunction CompileInt(Action<X64MacroAssembler> body, Reg result)
    {
        var masm = new X64MacroAssembler(avx: false);
        body(masm);
        masm.Assembler.Mov(OperandSize.S64, Gpr.Rax, (Gpr)result.Id);
        masm.Assembler.Ret();
        masm.Labels.EnsureAllBound();
        Assert.True(masm.Scratches.AllFree, "a scratch scope was left open");
        return new IntFunction(new ExecutableMemory(masm.Buffer.WrittenSpan));
    }

    private static long Result(bool is64, long raw) => is64 ? raw : (uint)raw;

    private static long Reference(IntBinOp op, bool is64, long a, long b)
    {
        if (is64)
        {
            int n = (int)(b & 63);
            return op switch
            {
                IntBinOp.Add => a + b, IntBinOp.Sub => a - b, IntBinOp.Mul => a * b,
                IntBinOp.And => a & b, IntBinOp.Or => a | b, IntBinOp.Xor => a ^ b,
                IntBinOp.Shl => a << n, IntBinOp.ShrS => a >> n, IntBinOp.ShrU => (long)((ulong)a >> n),
                IntBinOp.Rotl => (long)ulong.RotateLeft((ulong)a, n), _ => (long)ulong.RotateRight((ulong)a, n),
            };
        }
        int x = (int)a, y = (int)b, m = y & 31;
        int r = op switch
        {
            IntBinOp.Add => x + y, IntBinOp.Sub => x - y, IntBinOp.Mul => x * y,
            IntBinOp.And => x & y, IntBinOp.Or => x | y, IntBinOp.Xor => x ^ y,
            IntBinOp.Shl => x << m, IntBinOp.ShrS => x >> m, IntBinOp.ShrU => (int)((uint)x >> m),
            IntBinOp.Rotl => (int)uint.RotateLeft((uint)x, m), _ => (int)uint.RotateRight((uint)x, m),
        };
        return (uint)r;
    }
}
