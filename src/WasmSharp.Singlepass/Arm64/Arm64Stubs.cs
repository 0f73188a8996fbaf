using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// The engine-wide AArch64 code every module shares: the entry trampoline from .NET, the host-function stub, the trap
/// unwinder and the SIGSEGV handler. Generated once per process.
/// </summary>
internal sealed class Arm64Stubs : RuntimeStubs
{
    // Entry frame, below its x29: x19..x28 in pairs at -16..-80, d8..d15 at -96..-144, then the previous unwind
    // point (-160), the runtime state (-152) and the argument area pointer (-168). The unwind point is x29 - 176.
    private const int SavedGprs = -16, SavedFprs = -96, PreviousEntrySlot = -160, AreaSlot = -168, EntryFrame = 176;
    /// <summary>Linux AArch64 <c>ucontext_t.uc_mcontext.pc</c> and <c>.regs[1]</c> (regs[0] is at 184).</summary>
    private const int ContextPc = 440, ContextX1 = 192;

    private static readonly XReg[] Gprs = [XReg.X19, XReg.X20, XReg.X21, XReg.X22, XReg.X23, XReg.X24, XReg.X25, XReg.X26, XReg.X27, XReg.X28];
    private static readonly VReg[] Fprs = [VReg.V8, VReg.V9, VReg.V10, VReg.V11, VReg.V12, VReg.V13, VReg.V14, VReg.V15];

    public ExecutableMemory Code { get; }
    public override nint Entry { get; }
    public override nint HostFunction { get; }
    /// <summary>Jumped to with the trap code in w0, the trapping code address in x1, the VM context in x28 and the
    /// trapping frame in x29.</summary>
    public override nint TrapUnwind { get; }
    public override nint SignalHandler { get; }

    public Arm64Stubs()
    {
        var a = new Arm64Assembler();
        int entry = a.Position;
        EmitEntry(a, out int entryReturn, out int exit);
        int unwind = a.Position;
        EmitUnwind(a, exit, entryReturn);
        int host = a.Position;
        EmitHostStub(a, unwind);
        int outOfBounds = a.Position;
        a.MovImm(RegWidth.W, XReg.X0, (ulong)(int)TrapKind.OutOfBoundsMemoryAccess);
        a.B(unwind);
        int handler = a.Position;
        EmitSignalHandler(a, outOfBounds);
        Code = new ExecutableMemory(a.Buffer.WrittenSpan, TargetIsa.Arm64);
        Entry = Code.Address + entry;
        TrapUnwind = Code.Address + unwind;
        HostFunction = Code.Address + host;
        SignalHandler = Code.Address + handler;
        Libcalls.Native.SetTrapUnwind(TrapUnwind);
    }

    /// <summary><c>int Enter(x0 = vmctx, x1 = code, x2 = area, x3 = areaSize)</c>: saves what AAPCS64 preserves,
    /// publishes the unwind point, copies the arguments below itself, calls, copies the results back.</summary>
    private static void EmitEntry(Arm64Assembler a, out int returnOffset, out int exit)
    {
        a.Stp(RegWidth.X, XReg.X29, XReg.X30, XReg.Sp, -16, AddrMode.PreIndex);
        a.Mov(RegWidth.X, XReg.X29, XReg.Sp);
        a.SubImm(RegWidth.X, XReg.Sp, XReg.Sp, EntryFrame);
        for (int i = 0; i < Gprs.Length; i += 2) a.Stp(RegWidth.X, Gprs[i], Gprs[i + 1], XReg.X29, SavedGprs - 8 * i);
        for (int i = 0; i < Fprs.Length; i += 2) a.Stp(FpSize.D, Fprs[i], Fprs[i + 1], XReg.X29, SavedFprs - 8 * i);
        a.Mov(RegWidth.X, XReg.X28, XReg.X0);
        a.Mem(MemOp.LdrX, XReg.X9, XReg.X28, VMOffsets.VmctxRuntime);
        a.Mem(MemOp.LdrX, XReg.X10, XReg.X9, VMOffsets.RuntimeEntrySp);
        a.Stp(RegWidth.X, XReg.X10, XReg.X9, XReg.X29, PreviousEntrySlot);
        a.Mem(MemOp.StrX, XReg.X2, XReg.X29, AreaSlot);
        a.Mov(RegWidth.X, XReg.X10, XReg.Sp);
        a.Mem(MemOp.StrX, XReg.X10, XReg.X9, VMOffsets.RuntimeEntrySp);
        a.Mem(MemOp.LdrX, XReg.X27, XReg.X28, VMOffsets.VmctxMemoryBase);
        // copy the arguments into an outgoing area at the bottom of this frame (areaSize is a multiple of 16)
        a.AddSubExt(AddSubOp.Sub, RegWidth.X, XReg.Sp, XReg.Sp, XReg.X3, Extend.Uxtx);
        a.Mov(RegWidth.X, XReg.X10, XReg.Sp);
        CopyWords(a, XReg.X2, XReg.X10, XReg.X3);
        // metering keeps the fuel in x26 while Wasm runs (harmless otherwise: x26 is saved above)
        a.Mem(MemOp.LdrX, Arm64MacroAssembler.FuelReg, XReg.X9, VMOffsets.RuntimeFuel);
        a.Blr(XReg.X1);
        returnOffset = a.Position;
        // copy the results back: everything between sp and the unwind point
        a.Mov(RegWidth.X, XReg.X10, XReg.Sp);
        a.SubImm(RegWidth.X, XReg.X3, XReg.X29, EntryFrame);
        a.Sub(RegWidth.X, XReg.X3, XReg.X3, XReg.X10);
        a.Mem(MemOp.LdrX, XReg.X11, XReg.X29, AreaSlot);
        CopyWords(a, XReg.X10, XReg.X11, XReg.X3);
        a.Movz(RegWidth.W, XReg.X0, 0);
        // exit: w0 = status, x29 = this entry frame
        exit = a.Position;
        a.Ldp(RegWidth.X, XReg.X10, XReg.X9, XReg.X29, PreviousEntrySlot);
        a.Mem(MemOp.StrX, XReg.X10, XReg.X9, VMOffsets.RuntimeEntrySp);
        SaveFuelAtExit(a);
        for (int i = 0; i < Gprs.Length; i += 2) a.Ldp(RegWidth.X, Gprs[i], Gprs[i + 1], XReg.X29, SavedGprs - 8 * i);
        for (int i = 0; i < Fprs.Length; i += 2) a.Ldp(FpSize.D, Fprs[i], Fprs[i + 1], XReg.X29, SavedFprs - 8 * i);
        a.Mov(RegWidth.X, XReg.Sp, XReg.X29);
        a.Ldp(RegWidth.X, XReg.X29, XReg.X30, XReg.Sp, 16, AddrMode.PostIndex);
        a.Ret();
    }

    /// <summary>
    /// A return or a trap (the unwinder and the fault handler's stub come here with the trapping code's registers):
    /// the fuel register goes back to the runtime state (x9) when the store meters. Only then: otherwise x26 is an
    /// ordinary register and the slot must not take its value. Keeps w0, the status.
    /// </summary>
    private static void SaveFuelAtExit(Arm64Assembler a)
    {
        a.Mem(MemOp.LdrW, XReg.X11, XReg.X9, VMOffsets.RuntimeFuelInRegister);
        int skip = a.Cbz(RegWidth.W, XReg.X11, a.Position);
        a.Mem(MemOp.StrX, Arm64MacroAssembler.FuelReg, XReg.X9, VMOffsets.RuntimeFuel);
        Arm64Branches.TryPatch(a.Buffer, skip, a.Position, Arm64BranchKind.Imm19);
    }

    /// <summary>Copies <paramref name="bytes"/> (a multiple of 8, consumed) from <paramref name="from"/> to
    /// <paramref name="to"/>, advancing both; x12 is the word in flight.</summary>
    private static void CopyWords(Arm64Assembler a, XReg from, XReg to, XReg bytes)
    {
        int loop = a.Position;
        int done = a.Cbz(RegWidth.X, bytes, a.Position);
        a.Mem(MemOp.LdrX, XReg.X12, from, 8, AddrMode.PostIndex);
        a.Mem(MemOp.StrX, XReg.X12, to, 8, AddrMode.PostIndex);
        a.SubImm(RegWidth.X, bytes, bytes, 8);
        a.B(loop);
        Arm64Branches.TryPatch(a.Buffer, done, a.Position, Arm64BranchKind.Imm19);
    }

    private static void EmitUnwind(Arm64Assembler a, int exit, int entryReturn)
    {
        a.Mem(MemOp.LdrX, XReg.X9, XReg.X28, VMOffsets.VmctxRuntime);
        a.Mem(MemOp.StrW, XReg.X0, XReg.X9, VMOffsets.RuntimeTrapCode);
        a.Mem(MemOp.StrX, XReg.X29, XReg.X9, VMOffsets.RuntimeTrapFp);
        a.Mem(MemOp.StrX, XReg.X1, XReg.X9, VMOffsets.RuntimeTrapPc);
        CaptureFrames(a, entryReturn);
        // back to the innermost entry frame: its unwind point is x29 - 176
        a.Mem(MemOp.LdrX, XReg.X10, XReg.X9, VMOffsets.RuntimeEntrySp);
        a.Mov(RegWidth.X, XReg.Sp, XReg.X10);
        a.AddImm(RegWidth.X, XReg.X29, XReg.X10, EntryFrame);
        a.B(exit);
    }

    /// <summary>
    /// Records the trap address and the return addresses up the frame-pointer chain (x30 sits above each saved x29),
    /// until the entry trampoline, while the frames still exist. x9 = runtime state, x1 = trap address.
    /// </summary>
    private static void CaptureFrames(Arm64Assembler a, int entryReturn)
    {
        a.AddImm(RegWidth.X, XReg.X2, XReg.X9, VMOffsets.RuntimeTrapFrames);
        a.Mem(MemOp.StrX, XReg.X1, XReg.X2, 0);
        a.Movz(RegWidth.W, XReg.X3, 1);
        a.Mov(RegWidth.X, XReg.X4, XReg.X29);
        a.Adr(XReg.X5, entryReturn);
        int loop = a.Position;
        a.CmpImm(RegWidth.W, XReg.X3, RuntimeState.MaxTrapFrames);
        int full = a.BCond(Cond.Hs, a.Position);
        int end = a.Cbz(RegWidth.X, XReg.X4, a.Position);
        a.Mem(MemOp.LdrX, XReg.X6, XReg.X4, 8);
        a.Cmp(RegWidth.X, XReg.X6, XReg.X5);
        int entry = a.BCond(Cond.Eq, a.Position);
        a.MemIndexed(MemOp.StrX, XReg.X6, XReg.X2, XReg.X3, IndexExtend.Uxtw, scaled: true);
        a.AddImm(RegWidth.W, XReg.X3, XReg.X3, 1);
        a.Mem(MemOp.LdrX, XReg.X4, XReg.X4, 0);
        a.B(loop);
        foreach (int at in (ReadOnlySpan<int>)[full, end, entry]) Arm64Branches.TryPatch(a.Buffer, at, a.Position, Arm64BranchKind.Imm19);
        a.Mem(MemOp.StrW, XReg.X3, XReg.X9, VMOffsets.RuntimeTrapFrameCount);
    }

    /// <summary>
    /// <c>void handler(int sig, siginfo_t* info, ucontext_t* ctx)</c>: when the faulting instruction is in generated
    /// code, resume at the out-of-bounds stub with x1 = the faulting address (x28 and x29 are the trapping frame's);
    /// otherwise tail-call the previous handler with the same arguments. Touches only x9–x13 and x16.
    /// </summary>
    private static void EmitSignalHandler(Arm64Assembler a, int outOfBounds)
    {
        a.Mem(MemOp.LdrX, XReg.X9, XReg.X2, ContextPc);
        a.MovImm(RegWidth.X, XReg.X10, (ulong)TrapSignals.Ranges);
        a.Mem(MemOp.LdrX, XReg.X11, XReg.X10, 0);
        a.AddImm(RegWidth.X, XReg.X12, XReg.X10, 8);
        int loop = a.Position;
        int chain = a.Cbz(RegWidth.X, XReg.X11, a.Position);
        a.Mem(MemOp.LdrX, XReg.X13, XReg.X12, 0);
        a.Cmp(RegWidth.X, XReg.X9, XReg.X13);
        int below = a.BCond(Cond.Lo, a.Position);
        a.Mem(MemOp.LdrX, XReg.X13, XReg.X12, 8);
        a.Cmp(RegWidth.X, XReg.X9, XReg.X13);
        int above = a.BCond(Cond.Hs, a.Position);
        a.Mem(MemOp.StrX, XReg.X9, XReg.X2, ContextX1);
        a.Adr(XReg.X13, outOfBounds);
        a.Mem(MemOp.StrX, XReg.X13, XReg.X2, ContextPc);
        a.Ret();
        Arm64Branches.TryPatch(a.Buffer, below, a.Position, Arm64BranchKind.Imm19);
        Arm64Branches.TryPatch(a.Buffer, above, a.Position, Arm64BranchKind.Imm19);
        a.AddImm(RegWidth.X, XReg.X12, XReg.X12, 16);
        a.SubImm(RegWidth.X, XReg.X11, XReg.X11, 1);
        a.B(loop);
        Arm64Branches.TryPatch(a.Buffer, chain, a.Position, Arm64BranchKind.Imm19);
        a.MovImm(RegWidth.X, XReg.X10, (ulong)TrapSignals.Previous);
        a.Mem(MemOp.LdrX, XReg.X16, XReg.X10, 0);
        a.Br(XReg.X16);
    }

    /// <summary>Where Wasm calls to a host function land: calls the runtime's dispatcher with (vmctx, the caller's
    /// outgoing area); a non-zero status unwinds like a trap.</summary>
    private static void EmitHostStub(Arm64Assembler a, int unwind)
    {
        a.Stp(RegWidth.X, XReg.X29, XReg.X30, XReg.Sp, -16, AddrMode.PreIndex);
        a.Mov(RegWidth.X, XReg.X29, XReg.Sp);
        a.Mov(RegWidth.X, XReg.X0, XReg.X28);
        a.AddImm(RegWidth.X, XReg.X1, XReg.X29, 16);
        // the host sees the fuel, may change it (Store.Fuel) or charge it (a nested call into Wasm): store it, then
        // reload it. Without metering the slot is never read, and the reload gives x26 back unchanged
        a.Mem(MemOp.LdrX, XReg.X9, XReg.X28, VMOffsets.VmctxRuntime);
        a.Mem(MemOp.StrX, Arm64MacroAssembler.FuelReg, XReg.X9, VMOffsets.RuntimeFuel);
        a.Mem(MemOp.LdrX, XReg.X16, XReg.X28, VMOffsets.VmctxLibcallTable);
        a.Mem(MemOp.LdrX, XReg.X16, XReg.X16, (int)LibcallId.CallHost * 8);
        a.Blr(XReg.X16);
        a.Mem(MemOp.LdrX, XReg.X9, XReg.X28, VMOffsets.VmctxRuntime);
        a.Mem(MemOp.LdrX, Arm64MacroAssembler.FuelReg, XReg.X9, VMOffsets.RuntimeFuel);
        int trap = a.Cbnz(RegWidth.W, XReg.X0, a.Position);
        a.Ldp(RegWidth.X, XReg.X29, XReg.X30, XReg.Sp, 16, AddrMode.PostIndex);
        a.Ret();
        Arm64Branches.TryPatch(a.Buffer, trap, a.Position, Arm64BranchKind.Imm19);
        a.Adr(XReg.X1, a.Position);
        a.B(unwind);
    }
}
