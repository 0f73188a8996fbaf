using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// SIMD operators: calls to the SimdOps method named after the opcode, immediates as trailing arguments.
internal sealed partial class FunctionEmitter
{
    private void EmitSimd(ref Instruction ins, ImmediateKind immediate)
    {
        if (immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane && _memoryBase is not null && EmitSimdMemory(ins.Opcode, ins.Value, ins.Lane)) return;
        if (EmitShuffleWithZero(ref ins)) return;
        NoteV128Const(ref ins);
        // the helpers of the remaining memory operators check bounds themselves: the fuel must be in the store if they trap
        if (immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane) EmitFuelFlush();
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
            case ImmediateKind.V128:
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value);
                _il.Emit(OpCodes.Ldc_I8, (long)ins.Value2);
                break;
            case ImmediateKind.Shuffle:
                EmitShuffleMasks((long)ins.Value, (long)ins.Value2);
                break;
        }
        _il.Emit(OpCodes.Call, Helpers.Find(typeof(SimdOps), ins.Opcode.ToString())
            ?? throw new UnsupportedFeatureException("simd", OpcodeTable.Name(ins.Opcode)));
    }

    /// <summary>
    /// A shuffle's lane indices split at compile time into one byte-shuffle mask per operand (0x80 where the lane
    /// comes from the other one), so the helper is two table lookups and an or, with no per-lane work.
    /// </summary>
    private void EmitShuffleMasks(long lo, long hi)
    {
        foreach (bool fromFirst in (ReadOnlySpan<bool>)[true, false])
        {
            _il.Emit(OpCodes.Ldc_I8, ShuffleMask(lo, fromFirst));
            _il.Emit(OpCodes.Ldc_I8, ShuffleMask(hi, fromFirst));
        }
    }

    private static long ShuffleMask(long lanes, bool fromFirst)
    {
        long mask = 0;
        for (int i = 0; i < 8; i++)
        {
            int k = (int)((ulong)lanes >> (8 * i)) & 0xFF;
            int m = fromFirst == k < 16 ? k & 15 : 0x80;
            mask |= (long)m << (8 * i);
        }
        return mask;
    }
}
