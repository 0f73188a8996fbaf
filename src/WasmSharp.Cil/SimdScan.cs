using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>
/// Finds SIMD in a module before any code is emitted, so that a lazily compiled module is refused at compile time
/// as an eager one is (SIMD is not compiled yet).
/// </summary>
internal static class SimdScan
{
    public static void Check(ModuleInfo m)
    {
        foreach (var t in m.Types)
            if (t.Params.Contains(ValType.V128) || t.Results.Contains(ValType.V128)) throw ClrTypes.Simd("v128 value");
        var locals = new ValType[16];
        var ins = new Instruction();
        for (int i = 0; i < m.Bodies.Count; i++)
        {
            var body = m.Bodies[i];
            var type = m.FunctionType((uint)(m.ImportedFunctionCount + i));
            int n = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref locals, out int code);
            if (locals.AsSpan(0, n).Contains(ValType.V128)) throw ClrTypes.Simd("v128 value");
            var reader = new OperatorReader(m.Bytes.AsSpan(code, body.Offset + body.Length - code), code);
            while (!reader.AtEnd)
            {
                reader.Read(ref ins);
                if ((int)ins.Opcode >= 0x200) throw ClrTypes.Simd(OpcodeTable.Name(ins.Opcode));
                if (ins.Opcode is Opcode.Block or Opcode.Loop or Opcode.If && ins.BlockType is { Kind: BlockType.Kinds.Value, ValType: ValType.V128 })
                    throw ClrTypes.Simd("v128 value");
                if (ins.Opcode == Opcode.SelectT && ins.Type == ValType.V128) throw ClrTypes.Simd("v128 value");
            }
        }
    }
}
