using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

/// <summary>What the Windows x64 ABI changes in generated code: libcalls (four register arguments, the rest on the
/// stack above 32 bytes of shadow space) and stack probes for frames larger than a page.</summary>
internal sealed partial class X64MacroAssembler
{
    /// <summary>Stack arguments travel through these scratch registers: loaded before <c>rsp</c> moves, so that
    /// stack-relative slots are read at their usual offsets.</summary>
    private static readonly Gpr[] StackArgTemps = [Gpr.Rax, Gpr.R11];

    private void CallLibcallWindows(LibcallId id, ReadOnlySpan<LibcallArg> args, Reg? result)
    {
        var regs = Abi.ArgRegs;
        int stackArgs = Math.Max(0, args.Length - regs.Count);
        if (stackArgs > StackArgTemps.Length) throw new InvalidOperationException("too many libcall arguments");
        using var scratch = Scratch();
        scratch.Take(Int(Gpr.Rax));
        scratch.Take(Int(Gpr.R11));
        for (int i = 0; i < args.Length; i++) LoadLibcallArg(args[i], i < regs.Count ? regs[i] : StackArgTemps[i - regs.Count]);
        // shadow space plus the stack arguments, rounded up to keep rsp 16-byte aligned at the call
        int area = (Abi.ShadowSpace + 8 * stackArgs + 15) & ~15;
        _a.Sub(OperandSize.S64, Gpr.Rsp, area);
        for (int i = 0; i < stackArgs; i++) _a.Mov(OperandSize.S64, Mem.At(Gpr.Rsp, Abi.ShadowSpace + 8 * i), StackArgTemps[i]);
        _a.Mov(OperandSize.S64, Gpr.Rax, Mem.At(Vmctx, VMOffsets.VmctxLibcallTable));
        _a.Call(Mem.At(Gpr.Rax, (int)id * 8));
        _a.Add(OperandSize.S64, Gpr.Rsp, area);
        if (result is { } res) _a.Mov(OperandSize.S32, G(res), Gpr.Rax);
    }

    private void LoadLibcallArg(LibcallArg a, Gpr r)
    {
        switch (a.Kind)
        {
            case LibcallArgKind.Vmctx: _a.Mov(OperandSize.S64, r, Vmctx); break;
            case LibcallArgKind.Imm: _a.Mov(OperandSize.S64, r, a.Imm); break;
            default: _a.Mov(Is64(a.Type) ? OperandSize.S64 : OperandSize.S32, r, M(a.Addr)); break;
        }
    }

    /// <summary>Touches every page between <c>rsp</c> and <paramref name="frameBottom"/> (the stack pointer after the
    /// frame is allocated), top down, so that Windows' guard page commits the stack a page at a time. A frame within
    /// a page exits the loop at once. <paramref name="cursor"/> is clobbered.</summary>
    private void ProbeStack(Gpr frameBottom, Gpr cursor)
    {
        var loop = _a.CreateLabel();
        var done = _a.CreateLabel();
        _a.Mov(OperandSize.S64, cursor, Gpr.Rsp);
        _a.Bind(loop);
        _a.Sub(OperandSize.S64, cursor, X64Abi.ProbeInterval);
        _a.Cmp(OperandSize.S64, cursor, frameBottom);
        _a.Jcc(Cond.B, done);
        _a.Test(OperandSize.S32, Mem.At(cursor), cursor);
        _a.Jmp(loop);
        _a.Bind(done);
    }
}
