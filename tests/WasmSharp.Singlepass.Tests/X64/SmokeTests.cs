using WasmSharp.Singlepass.X64;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>Runs assembled code (System V calling convention: args in rdi, rsi / xmm0, xmm1; result in rax / xmm0).</summary>
public unsafe class SmokeTests
{
    [X64Fact]
    public void AddsTwoInts()
    {
        var a = new X64Assembler();
        a.Lea(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.Rdi, Gpr.Rsi, 1));
        a.Ret();
        using var mem = new ExecutableMemory(a.Buffer.WrittenSpan);
        var add = (delegate* unmanaged<int, int, int>)mem.Address;
        Assert.Equal(5, add(2, 3));
        Assert.Equal(int.MinValue, add(int.MaxValue, 1));
    }

    [X64Fact]
    public void LoopsBranchesAndCallsBetweenFunctions()
    {
        var a = new X64Assembler();

        // long sum(long n) { long s = 0; while (n != 0) { s += n; n--; } return s; }
        Label sum = a.CreateLabel();
        Label loop = a.CreateLabel();
        Label done = a.CreateLabel();
        a.Bind(sum);
        a.Xor(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        a.Bind(loop);
        a.Test(OperandSize.S64, Gpr.Rdi, Gpr.Rdi);
        a.Jcc(Cond.E, done);
        a.Add(OperandSize.S64, Gpr.Rax, Gpr.Rdi);
        a.Sub(OperandSize.S64, Gpr.Rdi, 1);
        a.Jmp(loop);
        a.Bind(done);
        a.Ret();

        // long twiceSum(long n) => sum(n) * 2 + (n / 3), exercising call, push/pop, cqo/idiv, r12.
        a.Align(16);
        int twiceSum = a.Position;
        a.Push(Gpr.R12);
        a.Mov(OperandSize.S64, Gpr.R12, Gpr.Rdi);
        a.Call(sum);
        a.Shl(OperandSize.S64, Gpr.Rax, 1);
        a.Mov(OperandSize.S64, Gpr.Rcx, Gpr.Rax);
        a.Mov(OperandSize.S64, Gpr.Rax, Gpr.R12);
        a.Cqo();
        a.Mov(OperandSize.S64, Gpr.R8, 3);
        a.Idiv(OperandSize.S64, Gpr.R8);
        a.Add(OperandSize.S64, Gpr.Rax, Gpr.Rcx);
        a.Pop(Gpr.R12);
        a.Ret();

        // int select(int i) => table[i] via a jump table (0 -> 10, 1 -> 20, 2 -> 30).
        a.Align(16);
        int select = a.Position;
        Label table = a.CreateLabel();
        Label[] cases = [a.CreateLabel(), a.CreateLabel(), a.CreateLabel()];
        a.Mov(OperandSize.S32, Gpr.Rdi, Gpr.Rdi); // zero-extend the index
        a.JumpThroughTable(Gpr.Rdi, Gpr.R11, table);
        for (int i = 0; i < cases.Length; i++)
        {
            a.Bind(cases[i]);
            a.Mov(OperandSize.S32, Gpr.Rax, 10 * (i + 1));
            a.Ret();
        }
        a.JumpTable(table, cases);

        // double hypotish(double x, double y) => sqrt(x*x + y*y), SSE and AVX side by side.
        a.Align(16);
        int sse = a.Position;
        a.Sse(SseOp.Mulsd, Xmm.Xmm0, Xmm.Xmm0);
        a.Sse(SseOp.Mulsd, Xmm.Xmm1, Xmm.Xmm1);
        a.Sse(SseOp.Addsd, Xmm.Xmm0, Xmm.Xmm1);
        a.Sse(SseOp.Sqrtsd, Xmm.Xmm0, Xmm.Xmm0);
        a.Ret();

        a.Align(16);
        int avx = a.Position;
        a.Avx(SseOp.Mulsd, Xmm.Xmm8, Xmm.Xmm0, Xmm.Xmm0);
        a.Avx(SseOp.Mulsd, Xmm.Xmm9, Xmm.Xmm1, Xmm.Xmm1);
        a.Avx(SseOp.Addsd, Xmm.Xmm10, Xmm.Xmm8, Xmm.Xmm9);
        a.Avx(SseOp.Sqrtsd, Xmm.Xmm0, Xmm.Xmm10, Xmm.Xmm10);
        a.Ret();

        // int truncate(double d) => (int)d via cvttsd2si; long fromInt(int i) via cvtsi2sd + movq.
        a.Align(16);
        int truncate = a.Position;
        a.Cvttsd2si(OperandSize.S32, Gpr.Rax, Xmm.Xmm0);
        a.Ret();
        a.Align(16);
        int bits = a.Position;
        a.Cvtsi2sd(Xmm.Xmm15, OperandSize.S32, Gpr.Rdi);
        a.Movq(Gpr.Rax, Xmm.Xmm15);
        a.Ret();

        a.Labels.EnsureAllBound();
        using var mem = new ExecutableMemory(a.Buffer.WrittenSpan);
        var sumFn = (delegate* unmanaged<long, long>)(mem.Address + a.Labels.OffsetOf(sum));
        var twiceSumFn = (delegate* unmanaged<long, long>)(mem.Address + twiceSum);
        var selectFn = (delegate* unmanaged<int, int>)(mem.Address + select);
        var sseFn = (delegate* unmanaged<double, double, double>)(mem.Address + sse);
        var avxFn = (delegate* unmanaged<double, double, double>)(mem.Address + avx);
        var truncateFn = (delegate* unmanaged<double, int>)(mem.Address + truncate);
        var bitsFn = (delegate* unmanaged<int, long>)(mem.Address + bits);

        Assert.Equal(5050, sumFn(100));
        Assert.Equal(2 * 5050 + 33, twiceSumFn(100));
        Assert.Equal(10, selectFn(0));
        Assert.Equal(20, selectFn(1));
        Assert.Equal(30, selectFn(2));
        Assert.Equal(5.0, sseFn(3.0, 4.0));
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported)
            Assert.Equal(13.0, avxFn(5.0, 12.0));
        Assert.Equal(-7, truncateFn(-7.9));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-42.0), bitsFn(-42));
    }
}
