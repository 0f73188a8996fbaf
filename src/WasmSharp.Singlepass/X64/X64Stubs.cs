using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.X64;

/// <summary>
/// The x86-64 code every module shares: the entry trampoline from .NET, the host-function stub, the trap unwinder
/// and the SIGSEGV handler. Generated once per process (<see cref="X64Target"/>).
/// </summary>
internal sealed class X64Stubs : RuntimeStubs
{
    // Entry frame, relative to its rbp: saved rbx r12 r13 r14 r15 at -8..-40, then the runtime state (-48),
    // the previous unwind point (-56) and the argument area pointer (-64), which is also the unwind point.
    private const int RuntimeSlot = -48, PreviousEntrySlot = -56, AreaSlot = -64;
    /// <summary>Linux x86-64 <c>ucontext_t.uc_mcontext.gregs[REG_RIP]</c> and <c>[REG_RDX]</c>.</summary>
    private const int ContextRip = 168, ContextRdx = 136;

    public ExecutableMemory Code { get; }
    public override nint Entry { get; }
    public override nint HostFunction { get; }
    /// <summary>Jumped to with the trap code in ecx, the trapping code address in rdx, any store context in r14.</summary>
    public override nint TrapUnwind { get; }
    /// <summary>The return address inside <see cref="Entry"/>: frame walks stop there.</summary>
    public nint EntryReturn { get; }
    public override nint SignalHandler { get; }

    public X64Stubs()
    {
        var a = new X64Assembler();
        int entry = a.Position;
        var exit = a.CreateLabel();
        EmitEntry(a, exit, out int entryReturn);
        int unwind = a.Position;
        var unwindLabel = a.CreateLabel();
        a.Bind(unwindLabel);
        EmitUnwind(a, exit, entryReturn);
        int host = a.Position;
        EmitHostStub(a, unwindLabel);
        var outOfBounds = a.CreateLabel();
        a.Bind(outOfBounds);
        a.Mov(OperandSize.S32, Gpr.Rcx, (int)TrapKind.OutOfBoundsMemoryAccess);
        a.Jmp(unwindLabel);
        int handler = a.Position;
        EmitSignalHandler(a, outOfBounds);
        Code = new ExecutableMemory(a.Buffer.WrittenSpan);
        Entry = Code.Address + entry;
        TrapUnwind = Code.Address + unwind;
        HostFunction = Code.Address + host;
        EntryReturn = Code.Address + entryReturn;
        SignalHandler = Code.Address + handler;
        Libcalls.Native.SetTrapUnwind(TrapUnwind);
    }

    private static void EmitEntry(X64Assembler a, Label exit, out int returnOffset)
    {
        a.Push(Gpr.Rbp);
        a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        a.Push(Gpr.Rbx);
        a.Push(Gpr.R12);
        a.Push(Gpr.R13);
        a.Push(Gpr.R14);
        a.Push(Gpr.R15);
        a.Mov(OperandSize.S64, Gpr.R14, Gpr.Rdi);
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Push(Gpr.Rax);
        a.Push(Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp));
        a.Push(Gpr.Rdx);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp), Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.R15, Mem.At(Gpr.R14, VMOffsets.VmctxMemoryBase));
        a.Mov(OperandSize.S64, Gpr.R11, Gpr.Rsi);
        // copy the arguments into an outgoing area at the bottom of this frame (areaSize is a multiple of 16)
        a.Sub(OperandSize.S64, Gpr.Rsp, Gpr.Rcx);
        a.Mov(OperandSize.S64, Gpr.Rsi, Gpr.Rdx);
        a.Mov(OperandSize.S64, Gpr.Rdi, Gpr.Rsp);
        a.Shr(OperandSize.S64, Gpr.Rcx, 3);
        RepMovsq(a);
        a.Call(Gpr.R11);
        returnOffset = a.Position;
        // copy the results back
        a.Mov(OperandSize.S64, Gpr.Rsi, Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.Rdi, Mem.At(Gpr.Rbp, AreaSlot));
        a.Lea(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rbp, AreaSlot));
        a.Sub(OperandSize.S64, Gpr.Rcx, Gpr.Rsp);
        a.Shr(OperandSize.S64, Gpr.Rcx, 3);
        RepMovsq(a);
        a.Xor(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        // exit: eax = status, rbp = this entry frame
        a.Bind(exit);
        a.Mov(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rbp, RuntimeSlot));
        a.Mov(OperandSize.S64, Gpr.Rdx, Mem.At(Gpr.Rbp, PreviousEntrySlot));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rcx, VMOffsets.RuntimeEntrySp), Gpr.Rdx);
        a.Lea(OperandSize.S64, Gpr.Rsp, Mem.At(Gpr.Rbp, -40));
        a.Pop(Gpr.R15);
        a.Pop(Gpr.R14);
        a.Pop(Gpr.R13);
        a.Pop(Gpr.R12);
        a.Pop(Gpr.Rbx);
        a.Pop(Gpr.Rbp);
        a.Ret();
    }

    private static void RepMovsq(X64Assembler a) => a.EmitBytes([0xF3, 0x48, 0xA5]);

    private static void EmitUnwind(X64Assembler a, Label exit, int entryReturn)
    {
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Mov(OperandSize.S32, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapCode), Gpr.Rcx);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapFp), Gpr.Rbp);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapPc), Gpr.Rdx);
        CaptureFrames(a, entryReturn);
        // back to the innermost entry frame: its unwind point is rbp - 64
        a.Mov(OperandSize.S64, Gpr.Rsp, Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp));
        a.Lea(OperandSize.S64, Gpr.Rbp, Mem.At(Gpr.Rsp, -AreaSlot));
        a.Mov(OperandSize.S32, Gpr.Rax, Gpr.Rcx);
        a.Jmp(exit);
    }

    /// <summary>
    /// Records the trap address and the return addresses up the frame-pointer chain, until the entry trampoline,
    /// while the frames still exist (once unwound, the stack is reused). rax = runtime state, rdx = trap address.
    /// </summary>
    private static void CaptureFrames(X64Assembler a, int entryReturn)
    {
        var loop = a.CreateLabel();
        var done = a.CreateLabel();
        a.Lea(OperandSize.S64, Gpr.Rdi, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapFrames));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdi), Gpr.Rdx);
        a.Mov(OperandSize.S32, Gpr.Rsi, 1);
        a.Mov(OperandSize.S64, Gpr.R8, Gpr.Rbp);
        a.Lea(OperandSize.S64, Gpr.R10, Mem.Rip(entryReturn - (a.Position + 7)));
        a.Bind(loop);
        a.Cmp(OperandSize.S32, Gpr.Rsi, RuntimeState.MaxTrapFrames);
        a.Jcc(Cond.AE, done);
        a.Test(OperandSize.S64, Gpr.R8, Gpr.R8);
        a.Jcc(Cond.E, done);
        a.Mov(OperandSize.S64, Gpr.R9, Mem.At(Gpr.R8, 8));
        a.Cmp(OperandSize.S64, Gpr.R9, Gpr.R10);
        a.Jcc(Cond.E, done);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdi, Gpr.Rsi, 8), Gpr.R9);
        a.Add(OperandSize.S32, Gpr.Rsi, 1);
        a.Mov(OperandSize.S64, Gpr.R8, Mem.At(Gpr.R8));
        a.Jmp(loop);
        a.Bind(done);
        a.Mov(OperandSize.S32, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapFrameCount), Gpr.Rsi);
    }

    /// <summary>
    /// <c>void handler(int sig, siginfo_t* info, ucontext_t* ctx)</c>: when the faulting instruction is in generated
    /// code, resume at the out-of-bounds stub with rdx = the faulting address (r14 and rbp are the trapping frame's);
    /// otherwise tail-call the previous handler with the same arguments.
    /// </summary>
    private static void EmitSignalHandler(X64Assembler a, Label outOfBounds)
    {
        var loop = a.CreateLabel();
        var next = a.CreateLabel();
        var chain = a.CreateLabel();
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rdx, ContextRip));
        a.Mov(OperandSize.S64, Gpr.R8, (long)TrapSignals.Ranges);
        a.Mov(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.R8));
        a.Lea(OperandSize.S64, Gpr.R9, Mem.At(Gpr.R8, 8));
        a.Bind(loop);
        a.Test(OperandSize.S64, Gpr.Rcx, Gpr.Rcx);
        a.Jcc(Cond.E, chain);
        a.Cmp(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R9));
        a.Jcc(Cond.B, next);
        a.Cmp(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R9, 8));
        a.Jcc(Cond.AE, next);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdx, ContextRdx), Gpr.Rax);
        a.Lea(OperandSize.S64, Gpr.R10, Mem.Rip(outOfBounds));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdx, ContextRip), Gpr.R10);
        a.Ret();
        a.Bind(next);
        a.Add(OperandSize.S64, Gpr.R9, 16);
        a.Sub(OperandSize.S64, Gpr.Rcx, 1);
        a.Jmp(loop);
        a.Bind(chain);
        a.Mov(OperandSize.S64, Gpr.Rax, (long)TrapSignals.Previous);
        a.Jmp(Mem.At(Gpr.Rax));
    }

    private static void EmitHostStub(X64Assembler a, Label unwind)
    {
        var trap = a.CreateLabel();
        a.Push(Gpr.Rbp);
        a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.Rdi, Gpr.R14);
        a.Lea(OperandSize.S64, Gpr.Rsi, Mem.At(Gpr.Rbp, 16));
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxLibcallTable));
        a.Call(Mem.At(Gpr.Rax, (int)LibcallId.CallHost * 8));
        a.Test(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        a.Jcc(Cond.NE, trap);
        a.Pop(Gpr.Rbp);
        a.Ret();
        a.Bind(trap);
        a.Mov(OperandSize.S32, Gpr.Rcx, Gpr.Rax);
        a.Lea(OperandSize.S64, Gpr.Rdx, Mem.Rip(0));
        a.Jmp(unwind);
    }
}
