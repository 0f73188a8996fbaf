using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.X64;

/// <summary>
/// The x86-64 code every module shares: the entry trampoline from .NET, the host-function stub, the trap unwinder
/// and the fault handler (a SIGSEGV handler on Linux, a vectored exception handler on Windows). Generated once per
/// process and ABI (<see cref="X64Target"/>); <see cref="Assemble"/> alone also runs on a foreign host, for tests.
/// </summary>
internal sealed class X64Stubs : RuntimeStubs
{
    /// <summary>Linux x86-64 <c>ucontext_t.uc_mcontext.gregs[REG_RIP]</c> and <c>[REG_RDX]</c>.</summary>
    private const int ContextRip = 168, ContextRdx = 136;
    /// <summary>Windows x64 <c>CONTEXT.Rip</c> and <c>CONTEXT.Rdx</c>; <c>EXCEPTION_POINTERS</c> is {record, context}.</summary>
    private const int WinContextRip = 0xF8, WinContextRdx = 0x88;
    private const int ExceptionAccessViolation = unchecked((int)0xC0000005);
    private const int ExceptionContinueExecution = -1;
    /// <summary>Windows' callee-saved xmm6-xmm15, saved by the entry trampoline.</summary>
    private const int FirstSavedXmm = 6, SavedXmmCount = 10;

    public ExecutableMemory Code { get; }
    public override nint Entry { get; }
    public override nint HostFunction { get; }
    /// <summary>Jumped to with the trap code in ecx, the trapping code address in rdx, any store context in r14.</summary>
    public override nint TrapUnwind { get; }
    /// <summary>The return address inside <see cref="Entry"/>: frame walks stop there.</summary>
    public nint EntryReturn { get; }
    public override nint SignalHandler { get; }

    public X64Stubs(X64Abi abi)
    {
        var code = Assemble(abi);
        Code = new ExecutableMemory(code.Bytes);
        Entry = Code.Address + code.Entry;
        TrapUnwind = Code.Address + code.Unwind;
        HostFunction = Code.Address + code.HostFunction;
        EntryReturn = Code.Address + code.EntryReturn;
        SignalHandler = Code.Address + code.FaultHandler;
        Libcalls.Native.SetTrapUnwind(TrapUnwind);
    }

    /// <summary>The stubs' machine code for one ABI (see <see cref="Assemble"/>) and where each one starts.</summary>
    internal readonly record struct Assembled(byte[] Bytes, int Entry, int EntryReturn, int Unwind, int HostFunction, int FaultHandler);

    internal static Assembled Assemble(X64Abi abi)
    {
        var a = new X64Assembler();
        var frame = EntryFrame.For(abi);
        int entry = a.Position;
        var exit = a.CreateLabel();
        EmitEntry(a, abi, frame, exit, out int entryReturn);
        int unwind = a.Position;
        var unwindLabel = a.CreateLabel();
        a.Bind(unwindLabel);
        EmitUnwind(a, frame, exit, entryReturn);
        int host = a.Position;
        EmitHostStub(a, abi, unwindLabel);
        var outOfBounds = a.CreateLabel();
        a.Bind(outOfBounds);
        a.Mov(OperandSize.S32, Gpr.Rcx, (int)TrapKind.OutOfBoundsMemoryAccess);
        a.Jmp(unwindLabel);
        int handler = a.Position;
        if (abi.IsWindows) EmitVectoredHandler(a, outOfBounds);
        else EmitSignalHandler(a, outOfBounds);
        return new Assembled(a.Buffer.WrittenSpan.ToArray(), entry, entryReturn, unwind, host, handler);
    }

    /// <summary>
    /// The entry frame's layout, relative to its rbp. System V: saved rbx r12 r13 r14 r15 at -8..-40, then the
    /// runtime state (-48), the previous unwind point (-56) and the argument area pointer (-64), which is also the
    /// unwind point. Windows adds rsi and rdi (-48, -56) before those three (-64, -72, -80) and then xmm6-xmm15
    /// (160 bytes, down to the unwind point at -240). Both keep the unwind point 16-byte aligned.
    /// </summary>
    private readonly record struct EntryFrame(int RuntimeSlot, int PreviousEntrySlot, int AreaSlot, int UnwindPoint)
    {
        public int XmmArea => UnwindPoint;
        public static EntryFrame For(X64Abi abi) => abi.IsWindows ? new(-64, -72, -80, -240) : new(-48, -56, -64, -64);
    }

    private static void EmitEntry(X64Assembler a, X64Abi abi, EntryFrame frame, Label exit, out int returnOffset)
    {
        a.Push(Gpr.Rbp);
        a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        a.Push(Gpr.Rbx);
        a.Push(Gpr.R12);
        a.Push(Gpr.R13);
        a.Push(Gpr.R14);
        a.Push(Gpr.R15);
        if (abi.IsWindows)
        {
            a.Push(Gpr.Rsi);
            a.Push(Gpr.Rdi);
            // Enter(vmctx, code, area, areaSize) arrives in rcx, rdx, r8, r9: the body below reads the System V ones
            a.Mov(OperandSize.S64, Gpr.Rdi, Gpr.Rcx);
            a.Mov(OperandSize.S64, Gpr.Rsi, Gpr.Rdx);
            a.Mov(OperandSize.S64, Gpr.Rdx, Gpr.R8);
            a.Mov(OperandSize.S64, Gpr.Rcx, Gpr.R9);
        }
        a.Mov(OperandSize.S64, Gpr.R14, Gpr.Rdi);
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Push(Gpr.Rax);
        a.Push(Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp));
        a.Push(Gpr.Rdx);
        if (abi.IsWindows) SaveXmm(a, frame);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp), Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.R15, Mem.At(Gpr.R14, VMOffsets.VmctxMemoryBase));
        a.Mov(OperandSize.S64, Gpr.R11, Gpr.Rsi);
        if (abi.IsWindows) ProbeArea(a);
        // copy the arguments into an outgoing area at the bottom of this frame (areaSize is a multiple of 16)
        a.Sub(OperandSize.S64, Gpr.Rsp, Gpr.Rcx);
        a.Mov(OperandSize.S64, Gpr.Rsi, Gpr.Rdx);
        a.Mov(OperandSize.S64, Gpr.Rdi, Gpr.Rsp);
        a.Shr(OperandSize.S64, Gpr.Rcx, 3);
        RepMovsq(a);
        // metering keeps the fuel in r13 while Wasm runs (harmless otherwise: r13 is saved above)
        a.Mov(OperandSize.S64, X64MacroAssembler.FuelReg, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Mov(OperandSize.S64, X64MacroAssembler.FuelReg, Mem.At(X64MacroAssembler.FuelReg, VMOffsets.RuntimeFuel));
        a.Call(Gpr.R11);
        returnOffset = a.Position;
        // copy the results back
        a.Mov(OperandSize.S64, Gpr.Rsi, Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.Rdi, Mem.At(Gpr.Rbp, frame.AreaSlot));
        a.Lea(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rbp, frame.UnwindPoint));
        a.Sub(OperandSize.S64, Gpr.Rcx, Gpr.Rsp);
        a.Shr(OperandSize.S64, Gpr.Rcx, 3);
        RepMovsq(a);
        a.Xor(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        // exit: eax = status, rbp = this entry frame
        a.Bind(exit);
        a.Mov(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.Rbp, frame.RuntimeSlot));
        SaveFuelAtExit(a);
        a.Mov(OperandSize.S64, Gpr.Rdx, Mem.At(Gpr.Rbp, frame.PreviousEntrySlot));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rcx, VMOffsets.RuntimeEntrySp), Gpr.Rdx);
        if (abi.IsWindows)
        {
            RestoreXmm(a, frame);
            a.Mov(OperandSize.S64, Gpr.Rsi, Mem.At(Gpr.Rbp, -48));
            a.Mov(OperandSize.S64, Gpr.Rdi, Mem.At(Gpr.Rbp, -56));
        }
        a.Lea(OperandSize.S64, Gpr.Rsp, Mem.At(Gpr.Rbp, -40));
        a.Pop(Gpr.R15);
        a.Pop(Gpr.R14);
        a.Pop(Gpr.R13);
        a.Pop(Gpr.R12);
        a.Pop(Gpr.Rbx);
        a.Pop(Gpr.Rbp);
        a.Ret();
    }

    /// <summary>
    /// A return or a trap (the unwinder and the fault handler's stub come here with the trapping code's registers):
    /// the fuel register goes back to the runtime state (rcx) when the store meters. Only then: otherwise r13 is an
    /// ordinary register and the slot must not take its value.
    /// </summary>
    private static void SaveFuelAtExit(X64Assembler a)
    {
        var skip = a.CreateLabel();
        a.Cmp(OperandSize.S32, Mem.At(Gpr.Rcx, VMOffsets.RuntimeFuelInRegister), 0);
        a.Jcc(Cond.E, skip);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rcx, VMOffsets.RuntimeFuel), X64MacroAssembler.FuelReg);
        a.Bind(skip);
    }

    /// <summary>Windows: xmm6-xmm15 into the bottom of the entry frame (rsp is at the area slot, 16-byte aligned).</summary>
    private static void SaveXmm(X64Assembler a, EntryFrame frame)
    {
        a.Sub(OperandSize.S64, Gpr.Rsp, frame.AreaSlot - frame.XmmArea);
        for (int i = 0; i < SavedXmmCount; i++)
            a.Sse(SseOp.MovupsStore, Mem.At(Gpr.Rsp, 16 * i), (Xmm)(FirstSavedXmm + i));
    }

    private static void RestoreXmm(X64Assembler a, EntryFrame frame)
    {
        for (int i = 0; i < SavedXmmCount; i++)
            a.Sse(SseOp.Movups, (Xmm)(FirstSavedXmm + i), Mem.At(Gpr.Rbp, frame.XmmArea + 16 * i));
    }

    /// <summary>Windows: touches each page of the argument area (rcx bytes below rsp) top down before rsp skips
    /// over them, so the stack's guard page commits them in order. Clobbers rax and r10.</summary>
    private static void ProbeArea(X64Assembler a)
    {
        var loop = a.CreateLabel();
        var done = a.CreateLabel();
        a.Mov(OperandSize.S64, Gpr.Rax, Gpr.Rsp);
        a.Mov(OperandSize.S64, Gpr.R10, Gpr.Rsp);
        a.Sub(OperandSize.S64, Gpr.R10, Gpr.Rcx);
        a.Bind(loop);
        a.Sub(OperandSize.S64, Gpr.Rax, X64Abi.ProbeInterval);
        a.Cmp(OperandSize.S64, Gpr.Rax, Gpr.R10);
        a.Jcc(Cond.B, done);
        a.Test(OperandSize.S32, Mem.At(Gpr.Rax), Gpr.Rax);
        a.Jmp(loop);
        a.Bind(done);
    }

    private static void RepMovsq(X64Assembler a) => a.EmitBytes([0xF3, 0x48, 0xA5]);

    private static void EmitUnwind(X64Assembler a, EntryFrame frame, Label exit, int entryReturn)
    {
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Mov(OperandSize.S32, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapCode), Gpr.Rcx);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapFp), Gpr.Rbp);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeTrapPc), Gpr.Rdx);
        CaptureFrames(a, entryReturn);
        // back to the innermost entry frame, from its unwind point
        a.Mov(OperandSize.S64, Gpr.Rsp, Mem.At(Gpr.Rax, VMOffsets.RuntimeEntrySp));
        a.Lea(OperandSize.S64, Gpr.Rbp, Mem.At(Gpr.Rsp, -frame.UnwindPoint));
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
        var chain = a.CreateLabel();
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rdx, ContextRip));
        EmitRedirectToTrap(a, outOfBounds, ContextRip, ContextRdx, chain);
        a.Ret();
        a.Bind(chain);
        a.Mov(OperandSize.S64, Gpr.Rax, (long)TrapSignals.Previous);
        a.Jmp(Mem.At(Gpr.Rax));
    }

    /// <summary>
    /// <c>LONG handler(EXCEPTION_POINTERS* p)</c> (Windows, installed first with <c>AddVectoredExceptionHandler</c>):
    /// an access violation whose instruction is in generated code resumes at the out-of-bounds stub with rdx = the
    /// faulting address, exactly like the SIGSEGV path; anything else returns EXCEPTION_CONTINUE_SEARCH (0), so .NET
    /// handles its own exceptions. Division never faults here: Singlepass checks divisors explicitly.
    /// </summary>
    private static void EmitVectoredHandler(X64Assembler a, Label outOfBounds)
    {
        var search = a.CreateLabel();
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rcx));
        a.Cmp(OperandSize.S32, Mem.At(Gpr.Rax), ExceptionAccessViolation);
        a.Jcc(Cond.NE, search);
        a.Mov(OperandSize.S64, Gpr.Rdx, Mem.At(Gpr.Rcx, 8));
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.Rdx, WinContextRip));
        EmitRedirectToTrap(a, outOfBounds, WinContextRip, WinContextRdx, search);
        a.Mov(OperandSize.S32, Gpr.Rax, ExceptionContinueExecution);
        a.Ret();
        a.Bind(search);
        a.Xor(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        a.Ret();
    }

    /// <summary>
    /// The fault handlers' common part. rax = the faulting instruction's address, rdx = the saved register context
    /// (PC at <paramref name="ripOffset"/>, rdx at <paramref name="rdxOffset"/>): when the address lies in generated
    /// code (<see cref="TrapSignals.Ranges"/>), the context resumes at the out-of-bounds stub with rdx = the address
    /// and this falls through; otherwise it jumps to <paramref name="miss"/>. Clobbers rcx and r8-r10 only.
    /// </summary>
    private static void EmitRedirectToTrap(X64Assembler a, Label outOfBounds, int ripOffset, int rdxOffset, Label miss)
    {
        var loop = a.CreateLabel();
        var next = a.CreateLabel();
        var found = a.CreateLabel();
        a.Mov(OperandSize.S64, Gpr.R8, (long)TrapSignals.Ranges);
        a.Mov(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.R8));
        a.Lea(OperandSize.S64, Gpr.R9, Mem.At(Gpr.R8, 8));
        a.Bind(loop);
        a.Test(OperandSize.S64, Gpr.Rcx, Gpr.Rcx);
        a.Jcc(Cond.E, miss);
        a.Cmp(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R9));
        a.Jcc(Cond.B, next);
        a.Cmp(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R9, 8));
        a.Jcc(Cond.B, found);
        a.Bind(next);
        a.Add(OperandSize.S64, Gpr.R9, 16);
        a.Sub(OperandSize.S64, Gpr.Rcx, 1);
        a.Jmp(loop);
        a.Bind(found);
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdx, rdxOffset), Gpr.Rax);
        a.Lea(OperandSize.S64, Gpr.R10, Mem.Rip(outOfBounds));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rdx, ripOffset), Gpr.R10);
    }

    /// <summary>Where a call from Wasm lands for a host function: calls the runtime's dispatcher with (vmctx, the
    /// incoming argument area) in the ABI's first two argument registers, Windows reserving its shadow space.</summary>
    private static void EmitHostStub(X64Assembler a, X64Abi abi, Label unwind)
    {
        var trap = a.CreateLabel();
        a.Push(Gpr.Rbp);
        a.Mov(OperandSize.S64, Gpr.Rbp, Gpr.Rsp);
        if (abi.ShadowSpace > 0) a.Sub(OperandSize.S64, Gpr.Rsp, abi.ShadowSpace);
        a.Mov(OperandSize.S64, abi.ArgRegs[0], Gpr.R14);
        a.Lea(OperandSize.S64, abi.ArgRegs[1], Mem.At(Gpr.Rbp, 16));
        // the host sees the fuel, may change it (Store.Fuel) or charge it (a nested call into Wasm): store it, then
        // reload it. Without metering the slot is never read, and the reload gives r13 back unchanged
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Mov(OperandSize.S64, Mem.At(Gpr.Rax, VMOffsets.RuntimeFuel), X64MacroAssembler.FuelReg);
        a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Gpr.R14, VMOffsets.VmctxLibcallTable));
        a.Call(Mem.At(Gpr.Rax, (int)LibcallId.CallHost * 8));
        a.Mov(OperandSize.S64, Gpr.Rcx, Mem.At(Gpr.R14, VMOffsets.VmctxRuntime));
        a.Mov(OperandSize.S64, X64MacroAssembler.FuelReg, Mem.At(Gpr.Rcx, VMOffsets.RuntimeFuel));
        a.Test(OperandSize.S32, Gpr.Rax, Gpr.Rax);
        a.Jcc(Cond.NE, trap);
        if (abi.ShadowSpace > 0) a.Mov(OperandSize.S64, Gpr.Rsp, Gpr.Rbp);
        a.Pop(Gpr.Rbp);
        a.Ret();
        a.Bind(trap);
        a.Mov(OperandSize.S32, Gpr.Rcx, Gpr.Rax);
        a.Lea(OperandSize.S64, Gpr.Rdx, Mem.Rip(0));
        a.Jmp(unwind);
    }
}
