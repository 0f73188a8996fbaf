namespace WasmSharp.Binary;

/// <summary>
/// Decodes a function body without validating it: locals, every operator's encoding, and block structure.
/// Used on the error path, to report a malformed body ahead of an invalid one as the spec orders them.
/// </summary>
public static class BodyDecoder
{
    /// <summary>Checks that a function body is well formed (locals, operators, the closing <c>end</c>); throws <see cref="MalformedModuleException"/>.</summary>
    public static void Check(ModuleInfo m, FunctionBody body)
    {
        ValType[] locals = [];
        LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, [], ref locals, out int codeOffset);
        var reader = new OperatorReader(m.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset), codeOffset);
        var ins = new Instruction();
        int depth = 1;
        while (!reader.AtEnd)
        {
            if (depth == 0) throw new MalformedModuleException("section size mismatch", reader.Offset);
            reader.Read(ref ins);
            switch (ins.Opcode)
            {
                case Opcode.Block or Opcode.Loop or Opcode.If: depth++; break;
                case Opcode.End: depth--; break;
                case Opcode.MemoryInit or Opcode.DataDrop when NeedsDataCount(m):
                    throw new MalformedModuleException("data count section required", ins.Offset);
            }
        }
        if (depth != 0) throw new MalformedModuleException("END opcode expected", reader.Offset);
    }

    /// <summary>
    /// <c>memory.init</c> and <c>data.drop</c> need the data count section so that one pass can check their index.
    /// A module without data segments at all gets "unknown data segment" (invalid) instead, as the spec tests expect.
    /// </summary>
    public static bool NeedsDataCount(ModuleInfo m) => m.DataCount is null && m.Data.Count > 0;
}
