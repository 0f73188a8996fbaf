using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>
/// Checks a constant expression: only constant operators, <c>global.get</c> of an imported immutable global, and a
/// single result of the expected type.
/// </summary>
internal static class ConstExprValidator
{
    public static void Validate(ModuleInfo m, ConstExpr expr, ValType expected)
    {
        var reader = new OperatorReader(m.Bytes.AsSpan(expr.Offset, expr.Length), expr.Offset);
        var ins = new Instruction();
        int depth = 0;
        ValType result = 0;
        while (true)
        {
            reader.Read(ref ins);
            if (ins.Opcode == Opcode.End) break;
            ValType t = Type(m, ref ins);
            if (depth++ > 0) throw new InvalidModuleException("type mismatch", ins.Offset);
            result = t;
        }
        if (depth != 1 || result != expected) throw new InvalidModuleException("type mismatch", ins.Offset);
    }

    private static ValType Type(ModuleInfo m, ref Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.I32Const: return ValType.I32;
            case Opcode.I64Const: return ValType.I64;
            case Opcode.F32Const: return ValType.F32;
            case Opcode.F64Const: return ValType.F64;
            case Opcode.V128Const: return ValType.V128;
            case Opcode.RefNull: return ins.Type;
            case Opcode.RefFunc:
                if (ins.Index >= (uint)m.Functions.Count) throw new InvalidModuleException($"unknown function {ins.Index}", ins.Offset);
                return ValType.FuncRef;
            case Opcode.GlobalGet:
                // WebAssembly 2.0: only imported globals are visible to constant expressions
                if (ins.Index >= (uint)m.ImportedGlobalCount) throw new InvalidModuleException($"unknown global {ins.Index}", ins.Offset);
                if (m.Globals[(int)ins.Index].Mutable) throw new InvalidModuleException("constant expression required", ins.Offset);
                return m.Globals[(int)ins.Index].ValType;
            default:
                throw new InvalidModuleException("constant expression required", ins.Offset);
        }
    }

    /// <summary>Adds the functions an expression references with <c>ref.func</c> to C.refs.</summary>
    public static void CollectRefs(ModuleInfo m, ConstExpr expr, HashSet<uint> refs)
    {
        var reader = new OperatorReader(m.Bytes.AsSpan(expr.Offset, expr.Length), expr.Offset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            reader.Read(ref ins);
            if (ins.Opcode == Opcode.RefFunc) refs.Add(ins.Index);
        }
    }
}
