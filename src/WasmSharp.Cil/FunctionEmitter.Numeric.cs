using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Numeric operators that are exactly one short CIL sequence; the rest are NumericOps helpers.
internal sealed partial class FunctionEmitter
{
    private bool EmitInlineNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz: Emit(OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I64Eqz: Emit(OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq); break;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq: Emit(OpCodes.Ceq); break;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne: EmitNot(OpCodes.Ceq); break;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt: Emit(OpCodes.Clt); break;
            case Opcode.I32LtU or Opcode.I64LtU: Emit(OpCodes.Clt_Un); break;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt: Emit(OpCodes.Cgt); break;
            case Opcode.I32GtU or Opcode.I64GtU: Emit(OpCodes.Cgt_Un); break;
            // a <= b is !(a > b), and for floats the unordered compare makes NaN false
            case Opcode.I32LeS or Opcode.I64LeS: EmitNot(OpCodes.Cgt); break;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le: EmitNot(OpCodes.Cgt_Un); break;
            case Opcode.I32GeS or Opcode.I64GeS: EmitNot(OpCodes.Clt); break;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge: EmitNot(OpCodes.Clt_Un); break;
            case Opcode.I32Add or Opcode.I64Add or Opcode.F32Add or Opcode.F64Add: Emit(OpCodes.Add); break;
            case Opcode.I32Sub or Opcode.I64Sub or Opcode.F32Sub or Opcode.F64Sub: Emit(OpCodes.Sub); break;
            case Opcode.I32Mul or Opcode.I64Mul or Opcode.F32Mul or Opcode.F64Mul: Emit(OpCodes.Mul); break;
            case Opcode.F32Div or Opcode.F64Div: Emit(OpCodes.Div); break;
            case Opcode.I32And or Opcode.I64And: Emit(OpCodes.And); break;
            case Opcode.I32Or or Opcode.I64Or: Emit(OpCodes.Or); break;
            case Opcode.I32Xor or Opcode.I64Xor: Emit(OpCodes.Xor); break;
            case Opcode.I32WrapI64: Emit(OpCodes.Conv_I4); break;
            case Opcode.I64ExtendI32S: Emit(OpCodes.Conv_I8); break;
            case Opcode.I64ExtendI32U: Emit(OpCodes.Conv_U8); break;
            case Opcode.I32Extend8S: Emit(OpCodes.Conv_I1); break;
            case Opcode.I32Extend16S: Emit(OpCodes.Conv_I2); break;
            case Opcode.I64Extend8S: Emit(OpCodes.Conv_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Extend16S: Emit(OpCodes.Conv_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Extend32S: Emit(OpCodes.Conv_I4, OpCodes.Conv_I8); break;
            case Opcode.F32ConvertI32S or Opcode.F32ConvertI64S: Emit(OpCodes.Conv_R4); break;
            case Opcode.F64ConvertI32S or Opcode.F64ConvertI64S: Emit(OpCodes.Conv_R8); break;
            default: return false;
        }
        return true;
    }

    private void Emit(params ReadOnlySpan<OpCode> ops)
    {
        foreach (var o in ops) _il.Emit(o);
    }

    private void EmitNot(OpCode compare) => Emit(compare, OpCodes.Ldc_I4_0, OpCodes.Ceq);
}
