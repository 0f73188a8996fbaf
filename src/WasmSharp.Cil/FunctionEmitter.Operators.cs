using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// The operator dispatch: control and variables here, numeric, memory and table operators below.
internal sealed partial class FunctionEmitter
{
    private void EmitOperator(ref Instruction ins)
    {
        var op = ins.Opcode;
        switch (op)
        {
            case Opcode.Unreachable: EmitUnreachable(); break;
            case Opcode.Nop: break;
            case Opcode.Block: EmitBlock(ins.BlockType); break;
            case Opcode.Loop: EmitLoop(ins.BlockType); break;
            case Opcode.If: EmitIf(ins.BlockType); break;
            case Opcode.Else: EmitElse(); break;
            case Opcode.End: EmitEnd(); break;
            case Opcode.Br: EmitBr(ins.Index); break;
            case Opcode.BrIf: EmitBrIf(ins.Index); break;
            case Opcode.BrTable: EmitBrTable(ins.BrTableTargets); break;
            case Opcode.Return: EmitReturn(); break;
            case Opcode.Call: EmitCall(ins.Index); break;
            case Opcode.CallIndirect: EmitCallIndirect(ins.Index, ins.Index2); break;
            case Opcode.Drop: _il.Emit(OpCodes.Pop); Pop(); break;
            case Opcode.Select or Opcode.SelectT: EmitSelect(); break;
            case Opcode.LocalGet: EmitLocalGet(ins.Index); break;
            case Opcode.LocalSet: EmitLocalSet(ins.Index); break;
            case Opcode.LocalTee:
                _il.Emit(OpCodes.Dup);
                Push(Top);
                EmitLocalSet(ins.Index);
                break;
            case Opcode.GlobalGet: EmitGlobalGet(ins.Index); break;
            case Opcode.GlobalSet: EmitGlobalSet(ins.Index); break;
            case Opcode.I32Const: _il.Emit(OpCodes.Ldc_I4, (int)ins.Value); Push(ValType.I32); break;
            case Opcode.I64Const: _il.Emit(OpCodes.Ldc_I8, (long)ins.Value); Push(ValType.I64); break;
            case Opcode.F32Const: EmitF32Const((int)ins.Value); break;
            case Opcode.F64Const: EmitF64Const((long)ins.Value); break;
            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Conv_I);
                Push(ins.Type);
                break;
            case Opcode.RefIsNull:
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Conv_I);
                _il.Emit(OpCodes.Ceq);
                Pop();
                Push(ValType.I32);
                break;
            case Opcode.RefFunc: EmitRefFunc(ins.Index); break;
            default:
                if (!EmitTableOperator(ref ins)) EmitPlain(ref ins);
                break;
        }
    }

    /// <summary>NaN constants come from an out-of-line call: RyuJIT keeps float constants as doubles, which quiets a
    /// signaling NaN. See also <see cref="OpaqueConstants"/>.</summary>
    private void EmitF32Const(int bits)
    {
        float f = BitConverter.Int32BitsToSingle(bits);
        if (OpaqueConstants.F32Name(bits) is { } name) _il.Emit(OpCodes.Ldsfld, typeof(OpaqueConstants).GetField(name)!);
        else if (float.IsNaN(f))
        {
            _il.Emit(OpCodes.Ldc_I4, bits);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(NumericOps), nameof(NumericOps.F32NaN)));
        }
        else _il.Emit(OpCodes.Ldc_R4, f);
        Push(ValType.F32);
    }

    private void EmitF64Const(long bits)
    {
        double d = BitConverter.Int64BitsToDouble(bits);
        if (OpaqueConstants.F64Name(bits) is { } name) _il.Emit(OpCodes.Ldsfld, typeof(OpaqueConstants).GetField(name)!);
        else if (double.IsNaN(d))
        {
            _il.Emit(OpCodes.Ldc_I8, bits);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(NumericOps), nameof(NumericOps.F64NaN)));
        }
        else _il.Emit(OpCodes.Ldc_R8, d);
        Push(ValType.F64);
    }

    /// <summary><c>&amp;vmctx->Functions[i]</c>: the reference of function i in this instance.</summary>
    private void EmitRefFunc(uint funcIndex)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldc_I4, Runtime.VMOffsets.VmctxFunctions);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldind_I);
        _il.Emit(OpCodes.Ldc_I4, (int)funcIndex * Runtime.VMOffsets.FuncRefSize);
        _il.Emit(OpCodes.Add);
        Push(ValType.FuncRef);
    }

    /// <summary>Operators with a fixed signature: an inline CIL sequence, else the helper named after the opcode.</summary>
    private void EmitPlain(ref Instruction ins)
    {
        var op = ins.Opcode;
        ref readonly var sig = ref OpcodeTable.SignatureOf(op);
        if (!sig.IsPlain) throw new InvalidOperationException($"no translation for {OpcodeTable.Name(op)}");
        var immediate = OpcodeTable.Immediate(op);
        if ((int)op >= 0x200) EmitSimd(ref ins, immediate);
        else if (immediate == ImmediateKind.MemArg)
        {
            if (!EmitMemoryAccess(op, ins.Value)) throw new InvalidOperationException($"no translation for {OpcodeTable.Name(op)}");
        }
        else if (op is Opcode.MemorySize or Opcode.MemoryGrow)
        {
            _il.Emit(OpCodes.Ldarg_0);
            if (op == Opcode.MemoryGrow) EmitFuelFlush();
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(MemoryOps), op.ToString()));
            if (op == Opcode.MemoryGrow) EmitAfterCall();
        }
        else if (!EmitInlineNumeric(op))
        {
            if (IsTrappingTruncation(op)) EmitFuelFlush();
            _il.Emit(OpCodes.Call, Helpers.Find(typeof(NumericOps), op.ToString())
                ?? throw new InvalidOperationException($"no translation for {OpcodeTable.Name(op)}"));
        }
        if (Deterministic) EmitCanonicalNaN(op);
        Pop(sig.ParamCount);
        if (sig.Result != 0) Push(sig.Result);
    }

    /// <summary>The truncations whose <see cref="NumericOps"/> helper traps (the fuel must be written back first).</summary>
    private static bool IsTrappingTruncation(Opcode op) => op is Opcode.I32TruncF32S or Opcode.I32TruncF32U
        or Opcode.I32TruncF64S or Opcode.I32TruncF64U or Opcode.I64TruncF32S or Opcode.I64TruncF32U
        or Opcode.I64TruncF64S or Opcode.I64TruncF64U;

    /// <summary>Table operators: their types depend on the table, so the opcode table gives no fixed signature.</summary>
    private bool EmitTableOperator(ref Instruction ins)
    {
        var op = ins.Opcode;
        switch (op)
        {
            case Opcode.TableGet:
                Pop();
                Push(_ctx.Module.Tables[(int)ins.Index].ElemType);
                break;
            case Opcode.TableSet: Pop(2); break;
            case Opcode.TableSize: Push(ValType.I32); break;
            case Opcode.TableGrow:
                Pop(2);
                Push(ValType.I32);
                break;
            case Opcode.TableFill: Pop(3); break;
            case Opcode.TableCopy: Pop(3); break;
            case Opcode.TableInit: Pop(3); break;
            case Opcode.ElemDrop: break;
            default: return EmitBulkMemory(ref ins);
        }
        _il.Emit(OpCodes.Ldc_I4, (int)ins.Index);
        if (op is Opcode.TableCopy or Opcode.TableInit) _il.Emit(OpCodes.Ldc_I4, (int)ins.Index2);
        _il.Emit(OpCodes.Ldarg_0);
        EmitFuelFlush(); // table operators may trap, and the bulk ones charge per element
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(TableOps), op.ToString()));
        EmitFuelReload();
        return true;
    }

    /// <summary>Bulk memory operators, through the runtime's libcalls.</summary>
    private bool EmitBulkMemory(ref Instruction ins)
    {
        var op = ins.Opcode;
        switch (op)
        {
            case Opcode.MemoryInit:
                Pop(3);
                _il.Emit(OpCodes.Ldc_I4, (int)ins.Index);
                break;
            case Opcode.DataDrop: _il.Emit(OpCodes.Ldc_I4, (int)ins.Index); break;
            case Opcode.MemoryCopy or Opcode.MemoryFill: Pop(3); break;
            default: return false;
        }
        _il.Emit(OpCodes.Ldarg_0);
        EmitFuelFlush(); // bulk memory operators may trap, and charge per byte
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(MemoryOps), op.ToString()));
        EmitFuelReload();
        return true;
    }
}
