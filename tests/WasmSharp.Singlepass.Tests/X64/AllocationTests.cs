using WasmSharp.Singlepass.X64;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64;

public class AllocationTests
{
    /// <summary>One function's worth of representative instructions, labels and fix-ups.</summary>
    private static void EmitFunction(X64Assembler a)
    {
        a.Reset();
        Label exit = a.CreateLabel();
        Label loop = a.CreateLabel();
        Label table = a.CreateLabel();
        Label caseA = a.CreateLabel();
        Label caseB = a.CreateLabel();
        a.Push(Gpr.Rbp);
        a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        a.Bind(loop);
        for (int i = 0; i < 50; i++)
        {
            a.Mov(OperandSize.S32, Gpr.Rax, Mem.At(Gpr.R13, Gpr.R12, 4, i * 8));
            a.Add(OperandSize.S64, Gpr.Rax, 0x1234);
            a.Cmp(OperandSize.S32, Gpr.Rax, Gpr.R9);
            a.Jcc(Cond.AE, exit);
            a.Setcc(Cond.L, Gpr.Rsi);
            a.Sse(SseOp.Addsd, Xmm.Xmm1, Mem.At(Gpr.Rsp, 16));
            a.Avx(SseOp.Paddd, Xmm.Xmm8, Xmm.Xmm9, Xmm.Xmm10);
            a.Movq(Gpr.Rcx, Xmm.Xmm3);
            a.Jmp(loop);
        }
        a.JumpThroughTable(Gpr.Rdi, Gpr.R11, table);
        a.Bind(caseA);
        a.Bind(caseB);
        a.Bind(exit);
        a.Pop(Gpr.Rbp);
        a.Ret();
        a.JumpTable(table, [caseA, caseB]);
    }

    [Fact]
    public void SteadyStateEmissionDoesNotAllocate()
    {
        var a = new X64Assembler();
        EmitFunction(a); // grow buffers to the working size
        EmitFunction(a);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            EmitFunction(a);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, a.Labels.PendingFixupCount);
    }
}
