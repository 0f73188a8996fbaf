using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>
/// Tiny leaf functions (libc's <c>fminf</c>, accessors): a body of at most <see cref="MaxBodyBytes"/> bytes with at
/// most <see cref="MaxLocals"/> locals, no call and no loop. They need no stack check at entry (their frame is within
/// the budget's slack and they end quickly, so an interrupt is seen by the caller) and their callers need no unwind
/// check after calling them (they cannot start an unwind). Both checks cost two dependent loads each, and such
/// functions are inlined into hot loops (vmath: fminf/fmaxf per lane). Not in deterministic mode, whose stack
/// budget is charged per call. Decided from the bytes, at most <see cref="MaxBodyBytes"/> of them, allocation-free.
/// Bigger leaves, loops allowed, skip the entry check too (<see cref="NeedsEntryCheck"/>), but not their callers'
/// check after the call: a loop header may start an unwind.
/// </summary>
internal static class TinyLeaves
{
    /// <summary>Locals (parameters included) a leaf may have and still skip its entry check.</summary>
    public const int MaxLeafLocalBytes = 4096;

    /// <summary>
    /// Whether a function needs the stack check at entry. Leaves (no call of any kind) with at most
    /// <see cref="MaxLeafLocalBytes"/> of locals do not, tiny ones or not: a leaf's frame lies under a caller that
    /// checked (or under the entry from .NET), within the reserve the store keeps below the limit, and no frame goes
    /// under it, so a recursion is still stopped in its first checked function; an interrupt is seen at the leaf's
    /// loop headers (each still checks) or, loop-free, in the caller once it returns. Not in deterministic mode, whose
    /// stack budget is charged per call, nor without <see cref="EngineConfig.InterruptibleLoops"/> (loops then have no
    /// check: the next entry sees an interrupt). <paramref name="code"/>: the body after its locals, at module offset
    /// <paramref name="codeOffset"/>. One pass over the body, allocation-free.
    /// </summary>
    public static bool NeedsEntryCheck(ModuleContext ctx, int definedIndex, ReadOnlySpan<byte> code, int codeOffset, int localBytes)
    {
        if (ctx.Engine.Config.Deterministic) return true;
        if (IsTinyLeaf(ctx, definedIndex)) return false;
        // without loop header checks, the entry is where an interrupt stops a loop
        if (!ctx.Engine.Config.InterruptibleLoops) return true;
        return localBytes > MaxLeafLocalBytes || !IsLeaf(code, codeOffset);
    }

    /// <summary>No call, call_indirect, return_call or return_call_indirect in <paramref name="code"/>.</summary>
    private static bool IsLeaf(ReadOnlySpan<byte> code, int codeOffset)
    {
        var reader = new OperatorReader(code, codeOffset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            reader.Read(ref ins);
            if (IsCall(ins.Opcode)) return false;
        }
        return true;
    }

    private static bool IsCall(Opcode op) => op is Opcode.Call or Opcode.CallIndirect || (int)op is 0x12 or 0x13;

    public const int MaxBodyBytes = 64;
    public const int MaxLocals = 16;

    public static bool IsTinyLeaf(ModuleContext ctx, int definedIndex)
    {
        if (ctx.Engine.Config.Deterministic) return false;
        var body = ctx.Module.Bodies[definedIndex];
        if (body.Length > MaxBodyBytes) return false;
        var bytes = ctx.Module.Bytes.AsSpan(body.Offset, body.Length);
        if (LocalsReader.Count(bytes, body.Offset, 0, out int pos) > MaxLocals) return false;
        var reader = new OperatorReader(bytes[pos..], body.Offset + pos);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            reader.Read(ref ins);
            if (IsCall(ins.Opcode) || ins.Opcode == Opcode.Loop) return false;
        }
        return true;
    }
}
