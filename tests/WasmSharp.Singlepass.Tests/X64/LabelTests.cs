using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

public class LabelTests
{
    public static TheoryData<object> Conds => [.. Enum.GetValues<Cond>()];

    private static List<Instruction> Decode(X64Assembler a) => All(a.Buffer.WrittenSpan);

    [Fact]
    public void BackwardJumpUsesRel8WhenNearAndRel32WhenFar()
    {
        // The rel8 limit: displacement -128 from the end of the 2-byte jump.
        foreach (var (padding, code) in new[] { (0, Code.Jmp_rel8_64), (126, Code.Jmp_rel8_64), (127, Code.Jmp_rel32_64), (5000, Code.Jmp_rel32_64) })
        {
            var a = new X64Assembler();
            Label top = a.CreateLabel();
            a.Bind(top);
            a.Nop(padding);
            a.Jmp(top);
            Instruction jmp = Decode(a)[^1];
            Assert.Equal(code, jmp.Code);
            Assert.Equal(0UL, jmp.NearBranchTarget);
        }
    }

    [Theory, MemberData(nameof(Conds))]
    public void ConditionalJumpsForwardAndBackward(object condArg)
    {
        Cond cond = (Cond)condArg;
        string cc = cond.ToString().ToLowerInvariant();
        var a = new X64Assembler();
        Label back = a.CreateLabel();
        Label forward = a.CreateLabel();
        Label farBack = a.CreateLabel();
        a.Bind(farBack);
        a.Nop(300);
        a.Bind(back);
        a.Ret();
        a.Jcc(cond, back);
        a.Jcc(cond, forward);
        a.Jcc(cond, farBack);
        a.Int3();
        a.Bind(forward);
        a.Ret();
        List<Instruction> code = Decode(a);
        Instruction nearBack = code.Single(i => i.IP == 301);
        Assert.Equal(CodeOf($"J{cc}_rel8_64"), nearBack.Code);
        Assert.Equal(300UL, nearBack.NearBranchTarget);
        Instruction fwd = code.Single(i => i.IP == 303);
        Assert.Equal(CodeOf($"J{cc}_rel32_64"), fwd.Code);
        Assert.Equal((ulong)a.Labels.OffsetOf(forward), fwd.NearBranchTarget);
        Instruction far = code.Single(i => i.IP == 309);
        Assert.Equal(CodeOf($"J{cc}_rel32_64"), far.Code);
        Assert.Equal(0UL, far.NearBranchTarget);
    }

    [Fact]
    public void ManyForwardReferencesToOneLabelArePatchedOnBind()
    {
        var a = new X64Assembler();
        Label target = a.CreateLabel();
        Label other = a.CreateLabel();
        for (int i = 0; i < 200; i++)
        {
            if (i % 3 == 0) a.Jmp(target);
            else if (i % 3 == 1) a.Jcc((Cond)(i % 16), target);
            else a.Call(target);
            if (i % 50 == 0) a.Jmp(other);
        }
        Assert.Equal(204, a.Labels.PendingFixupCount);
        a.Bind(target);
        a.Bind(other);
        a.Ret();
        Assert.Equal(0, a.Labels.PendingFixupCount);
        a.Labels.EnsureAllBound();
        List<Instruction> code = Decode(a);
        Assert.Equal(205, code.Count);
        ulong end = (ulong)a.Labels.OffsetOf(target);
        Assert.All(code.Take(204), i => Assert.Equal(end, i.NearBranchTarget));
    }

    [Fact]
    public void ShortForwardJumps()
    {
        var a = new X64Assembler();
        Label l = a.CreateLabel();
        a.JmpShort(l);
        a.JccShort(Cond.NE, l);
        a.Nop(125);
        a.Bind(l); // 127 bytes after the end of the first jump: the rel8 limit
        List<Instruction> code = Decode(a);
        Assert.Equal(Code.Jmp_rel8_64, code[0].Code);
        Assert.Equal(Code.Jne_rel8_64, code[1].Code);
        Assert.Equal(129UL, code[0].NearBranchTarget);
        Assert.Equal(129UL, code[1].NearBranchTarget);

        var b = new X64Assembler();
        Label far = b.CreateLabel();
        b.JmpShort(far);
        b.Nop(128);
        Assert.Throws<InvalidOperationException>(() => b.Bind(far));
    }

    [Fact]
    public void LabelMisuseIsReported()
    {
        var a = new X64Assembler();
        Label l = a.CreateLabel();
        a.Jmp(l);
        Assert.Throws<InvalidOperationException>(() => a.Labels.EnsureAllBound());
        a.Bind(l);
        Assert.Throws<InvalidOperationException>(() => a.Bind(l));
        a.Reset();
        Assert.Throws<ArgumentException>(() => a.Jmp(l));
        Assert.Throws<ArgumentException>(() => a.Jmp(default(Label)));
    }

    [Fact]
    public void ResetReusesStorageAcrossFunctions()
    {
        var a = new X64Assembler();
        for (int fn = 0; fn < 3; fn++)
        {
            a.Reset();
            Label loop = a.CreateLabel();
            Label exit = a.CreateLabel();
            a.Bind(loop);
            a.Sub(OperandSize.S32, Gpr.Rdi, 1);
            a.Jcc(Cond.E, exit);
            a.Jmp(loop);
            a.Bind(exit);
            a.Ret();
            List<Instruction> code = Decode(a);
            Assert.Equal(4, code.Count);
            Assert.Equal((ulong)a.Labels.OffsetOf(exit), code[1].NearBranchTarget);
            Assert.Equal(0UL, code[2].NearBranchTarget);
        }
    }

    [Fact]
    public void CallsToLabelsAndBufferOffsets()
    {
        var a = new X64Assembler();
        Label callee = a.CreateLabel();
        a.Bind(callee);
        a.Ret();
        a.Call(callee);                        // backward
        int field = a.CallRel32(0);            // to an offset
        int jmpField = a.JmpRel32(0);
        Label later = a.CreateLabel();
        a.Call(later);                         // forward
        a.Bind(later);
        a.Ret();
        a.PatchRel32(field, a.Labels.OffsetOf(later));
        List<Instruction> code = Decode(a);
        Assert.Equal(Code.Call_rel32_64, code[1].Code);
        Assert.Equal(0UL, code[1].NearBranchTarget);
        Assert.Equal(Code.Call_rel32_64, code[2].Code);
        Assert.Equal((ulong)a.Labels.OffsetOf(later), code[2].NearBranchTarget);
        Assert.Equal(Code.Jmp_rel32_64, code[3].Code);
        Assert.Equal(0UL, code[3].NearBranchTarget);
        Assert.Equal((ulong)a.Labels.OffsetOf(later), code[4].NearBranchTarget);
        Assert.Equal(code[2].IP + 1, (ulong)field);
        Assert.Equal(code[3].IP + 1, (ulong)jmpField);
    }

    [Fact]
    public void IndirectJumpsAndCalls()
    {
        foreach (Gpr r in Gprs)
        {
            Instruction jmp = One(a => a.Jmp(r));
            Assert.Equal(Code.Jmp_rm64, jmp.Code);
            Assert.Equal(R64(r), jmp.Op0Register);
            Instruction call = One(a => a.Call(r));
            Assert.Equal(Code.Call_rm64, call.Code);
            Assert.Equal(R64(r), call.Op0Register);
        }
        foreach (Mem m in SomeMems())
        {
            Instruction jmp = One(a => a.Jmp(m));
            Assert.Equal(Code.Jmp_rm64, jmp.Code);
            AssertMem(jmp, m);
            Instruction call = One(a => a.Call(m));
            Assert.Equal(Code.Call_rm64, call.Code);
            AssertMem(call, m);
        }
    }

    [Fact]
    public void JumpTable()
    {
        var a = new X64Assembler();
        Label table = a.CreateLabel();
        Label[] targets = [a.CreateLabel(), a.CreateLabel(), a.CreateLabel(), a.CreateLabel()];
        Label backward = targets[3];
        a.Bind(backward);                       // one target before the dispatch
        a.Ret();
        a.JumpThroughTable(Gpr.Rdi, Gpr.R11, table);
        for (int i = 0; i < 3; i++)
        {
            a.Bind(targets[i]);
            a.Mov(OperandSize.S32, Gpr.Rax, i);
            a.Ret();
        }
        a.JumpTable(table, targets);
        a.Labels.EnsureAllBound();

        int tableOffset = a.Labels.OffsetOf(table);
        Assert.Equal(0, tableOffset % 4);
        byte[] bytes = a.Buffer.ToArray();
        List<Instruction> code = All(bytes.AsSpan(0, tableOffset));
        Instruction lea = code[1];
        Assert.Equal(Code.Lea_r64_m, lea.Code);
        Assert.Equal(Register.R11, lea.Op0Register);
        Assert.Equal((ulong)tableOffset, lea.IPRelativeMemoryAddress);
        Assert.Equal(Code.Movsxd_r64_rm32, code[2].Code);
        Assert.Equal(Register.R11, code[2].MemoryBase);
        Assert.Equal(Register.RDI, code[2].MemoryIndex);
        Assert.Equal(4, code[2].MemoryIndexScale);
        Assert.Equal(Code.Add_rm64_r64, code[3].Code);
        Assert.Equal(Code.Jmp_rm64, code[4].Code);
        for (int i = 0; i < targets.Length; i++)
        {
            int entry = BitConverter.ToInt32(bytes, tableOffset + 4 * i);
            Assert.Equal(a.Labels.OffsetOf(targets[i]), tableOffset + entry);
        }
    }

    [Fact]
    public void RipRelativeLabelOperandsAccountForTrailingImmediates()
    {
        var a = new X64Assembler();
        Label data = a.CreateLabel();
        a.Cmp(OperandSize.S32, Mem.Rip(data), 1000);           // imm32 after the disp32
        a.Mov(OperandSize.S8, Mem.Rip(data, 3), 7);            // imm8 after, plus an addend
        a.Sse(SseOp.Roundsd, Xmm.Xmm9, Mem.Rip(data), 3);      // SSE4.1 imm8 after
        a.Avx(SseOp.Addsd, Xmm.Xmm1, Xmm.Xmm2, Mem.Rip(data, 8));
        a.Ret();
        a.Align(8);
        a.Bind(data);
        a.Buffer.Emit64(0);
        a.Buffer.Emit64(0);
        int d = a.Labels.OffsetOf(data);
        List<Instruction> code = All(a.Buffer.WrittenSpan[..d]);
        Assert.Equal((ulong)d, code[0].IPRelativeMemoryAddress);
        Assert.Equal((ulong)d + 3, code[1].IPRelativeMemoryAddress);
        Assert.Equal((ulong)d, code[2].IPRelativeMemoryAddress);
        Assert.Equal((ulong)d + 8, code[3].IPRelativeMemoryAddress);
    }

    [Fact]
    public void MultiByteNopsAndAlignment()
    {
        for (int n = 0; n <= 40; n++)
        {
            byte[] bytes = Bytes(a => a.Nop(n));
            Assert.Equal(n, bytes.Length);
            List<Instruction> code = All(bytes);
            Assert.All(code, i => Assert.Equal(Mnemonic.Nop, i.Mnemonic));
            Assert.Equal((n + 8) / 9, code.Count);
        }
        var b = new X64Assembler();
        for (int start = 0; start < 40; start++)
        {
            b.Reset();
            b.Nop(start);
            b.Align(16);
            Assert.Equal(0, b.Position % 16);
            Assert.True(b.Position - start < 16);
        }
    }

    [Fact]
    public void MiscellaneousInstructions()
    {
        Assert.Equal(Code.Retnq, One(a => a.Ret()).Code);
        Assert.Equal(Code.Ud2, One(a => a.Ud2()).Code);
        Assert.Equal(Code.Int3, One(a => a.Int3()).Code);
        Assert.Equal(Code.Mfence, One(a => a.Mfence()).Code);
    }
}
