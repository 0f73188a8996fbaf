using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>
/// Tiny leaf functions (libc's <c>fminf</c>, accessors): a body of at most <see cref="MaxBodyBytes"/> bytes with at
/// most <see cref="MaxLocals"/> locals, no call and no loop. They need no stack check at entry (their frame is within
/// the budget's slack and they end quickly, so an interrupt is seen by the caller) and their callers need no unwind
/// check after calling them (they cannot start an unwind). Both checks cost two dependent loads each, and such
/// functions are inlined into hot loops (vmath: fminf/fmaxf per lane). Not in deterministic mode, whose stack
/// budget is charged per call. Decided from the bytes, at most <see cref="MaxBodyBytes"/> of them, allocation-free.
/// </summary>
internal static class TinyLeaves
{
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
            if (ins.Opcode is Opcode.Call or Opcode.CallIndirect or Opcode.Loop || (int)ins.Opcode is 0x12 or 0x13) return false;
        }
        return true;
    }
}
