using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// SIMD operators: calls to the SimdOps method named after the opcode, immediates as trailing arguments.
internal sealed partial class FunctionEmitter
{
    private void EmitSimd(ref Instruction ins, ImmediateKind immediate)
    {
        switch (immediate)
        {
            case ImmediateKind.MemArg:
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value);
                break;
            case ImmediateKind.MemArgLane:
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value);
                _il.Emit(OpCodes.Ldc_I4, (int)ins.Lane);
                break;
            case ImmediateKind.Lane:
                _il.Emit(OpCodes.Ldc_I4, (int)ins.Lane);
                break;
            case ImmediateKind.V128 or ImmediateKind.Shuffle:
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value);
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value2);
                break;
        }
        _il.Emit(OpCodes.Call, Helpers.Find(typeof(SimdOps), ins.Opcode.ToString())
            ?? throw new UnsupportedFeatureException("simd", OpcodeTable.Name(ins.Opcode)));
    }
}
