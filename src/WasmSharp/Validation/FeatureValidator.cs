using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>
/// Rejects a module that uses a Wasm feature the engine has turned off (<see cref="EngineConfig.Features"/>): one
/// linear pass over the declarations and the operators, run only when some feature is off. The error names the
/// feature and where it was met.
/// </summary>
public static class FeatureValidator
{
    /// <summary>Throws <see cref="InvalidModuleException"/> at the first use of a feature that is off.</summary>
    public static void Validate(ModuleInfo m, WasmFeatures f)
    {
        if (f.IsAll) return;
        foreach (var t in m.Types) CheckFuncType(t, f, "a function type");
        foreach (var import in m.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Global:
                    if (import.Global.Mutable) Need(f.MutableGlobals, "mutable-globals", $"import of mutable global \"{import.Module}\" \"{import.Name}\"", import.Offset);
                    CheckValType(import.Global.ValType, f, "an imported global", offset: import.Offset);
                    break;
                case ExternKind.Table:
                    CheckValType(import.Table.ElemType, f, "an imported table", funcrefIsMvp: true, import.Offset);
                    break;
            }
        }
        if (m.Tables.Count > 1) Need(f.ReferenceTypes, "reference-types", $"{m.Tables.Count} tables", m.TableOffsets[1]);
        for (int i = 0; i < m.Tables.Count; i++) CheckValType(m.Tables[i].ElemType, f, "a table", funcrefIsMvp: true, m.TableOffsets[i]);
        foreach (var g in m.GlobalDefs) CheckValType(g.Type.ValType, f, "a global", offset: g.EntryOffset);
        foreach (var e in m.Exports)
            if (e.Kind == ExternKind.Global && m.Globals[(int)e.Index].Mutable)
                Need(f.MutableGlobals, "mutable-globals", $"export of mutable global \"{e.Name}\"", e.Offset);
        foreach (var e in m.Elements)
        {
            if (e.Mode != SegmentMode.Active) Need(f.BulkMemory, "bulk-memory", "a passive or declarative element segment", e.EntryOffset);
            else if (e.TableIndex != 0) Need(f.ReferenceTypes, "reference-types", $"an element segment for table {e.TableIndex}", e.EntryOffset);
            CheckValType(e.ElemType, f, "an element segment", funcrefIsMvp: true, e.EntryOffset);
        }
        foreach (var d in m.Data)
            if (d.Mode != SegmentMode.Active) Need(f.BulkMemory, "bulk-memory", "a passive data segment", d.EntryOffset);
        if (m.DataCount is not null) Need(f.BulkMemory, "bulk-memory", "the data count section");
        var locals = new ValType[16];
        for (int i = 0; i < m.Bodies.Count; i++) CheckBody(m, m.ImportedFunctionCount + i, m.Bodies[i], f, ref locals);
    }

    private static void CheckBody(ModuleInfo m, int funcIndex, FunctionBody body, WasmFeatures f, ref ValType[] locals)
    {
        var type = m.FunctionType((uint)funcIndex);
        int n = LocalsReader.Read(m.Bytes.AsSpan(body.Offset, body.Length), body.Offset, type.Params, ref locals, out int codeOffset);
        for (int i = type.Params.Length; i < n; i++) CheckValType(locals[i], f, $"a local of function {funcIndex}", offset: body.Offset);
        var reader = new OperatorReader(m.Bytes.AsSpan(codeOffset, body.Offset + body.Length - codeOffset), codeOffset);
        var ins = new Instruction();
        while (!reader.AtEnd)
        {
            reader.Read(ref ins);
            if (FeatureOf(ref ins, m) is { } feature && !IsOn(f, feature))
                throw new InvalidModuleException($"{feature} is disabled: {OpcodeTable.Name(ins.Opcode)} in function {funcIndex}", ins.Offset);
        }
    }

    /// <summary>The feature an operator needs beyond the MVP, or null.</summary>
    private static string? FeatureOf(ref Instruction ins, ModuleInfo m)
    {
        var op = ins.Opcode;
        if ((int)op >= 0x200) return "simd";
        if (op is >= Opcode.I32Extend8S and <= Opcode.I64Extend32S) return "sign-extension";
        if (op is >= Opcode.I32TruncSatF32S and <= Opcode.I64TruncSatF64U) return "saturating-float-to-int";
        if (op is >= Opcode.MemoryInit and <= Opcode.ElemDrop) return "bulk-memory";
        if (op == Opcode.TableCopy) return ins.Index == 0 && ins.Index2 == 0 ? "bulk-memory" : "reference-types";
        if (op is Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill or Opcode.TableGet or Opcode.TableSet
            or Opcode.RefNull or Opcode.RefIsNull or Opcode.RefFunc or Opcode.SelectT)
            return "reference-types";
        if (op == Opcode.CallIndirect && ins.Index2 != 0) return "reference-types";
        if (op is Opcode.Block or Opcode.Loop or Opcode.If)
        {
            var bt = ins.BlockType;
            if (bt.Kind == BlockType.Kinds.Value && (bt.ValType == ValType.V128)) return "simd";
            if (bt.Kind == BlockType.Kinds.Value && bt.ValType.IsRef()) return "reference-types";
            if (bt.Kind == BlockType.Kinds.TypeIndex && bt.TypeIndex < (uint)m.Types.Count)
            {
                var t = m.Types[(int)bt.TypeIndex];
                if (t.Params.Length > 0 || t.Results.Length > 1) return "multi-value";
            }
        }
        return null;
    }

    private static bool IsOn(WasmFeatures f, string feature) => feature switch
    {
        "simd" => f.Simd,
        "sign-extension" => f.SignExtension,
        "saturating-float-to-int" => f.SaturatingFloatToInt,
        "bulk-memory" => f.BulkMemory,
        "reference-types" => f.ReferenceTypes,
        _ => f.MultiValue,
    };

    private static void CheckFuncType(FuncType t, WasmFeatures f, string where)
    {
        if (t.Results.Length > 1) Need(f.MultiValue, "multi-value", $"{where} with {t.Results.Length} results");
        foreach (var p in t.Params) CheckValType(p, f, where);
        foreach (var r in t.Results) CheckValType(r, f, where);
    }

    /// <summary>Checks a value type used <paramref name="where"/>. <paramref name="funcrefIsMvp"/>: where funcref was
    /// already Wasm 1.0 (tables and element segments); any other reference type, or funcref elsewhere, belongs to the
    /// reference-types proposal.</summary>
    private static void CheckValType(ValType t, WasmFeatures f, string where, bool funcrefIsMvp = false, int offset = 0)
    {
        if (t == ValType.V128) Need(f.Simd, "simd", $"{where} of type v128", offset);
        else if (t == ValType.ExternRef || t == ValType.FuncRef && !funcrefIsMvp)
            Need(f.ReferenceTypes, "reference-types", $"{where} of type {t.Name()}", offset);
    }

    /// <summary>Rejects a use of a feature that is off, at <paramref name="offset"/> (0 for the type section, whose
    /// entries the decoder does not place).</summary>
    private static void Need(bool on, string feature, string what, int offset = 0)
    {
        if (!on) throw new InvalidModuleException($"{feature} is disabled: {what}", offset);
    }
}
