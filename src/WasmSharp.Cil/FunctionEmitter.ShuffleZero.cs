using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// i8x16.shuffle with a zero constant as its second operand (clang's zero-extension idiom): the constant is dropped
// and one byte lookup remains, its 0x80 mask bytes giving the zero lanes.
internal sealed partial class FunctionEmitter
{
    /// <summary>Whether the last v128.const emitted was all zeros (meaningful while <see cref="_previous"/> is one).</summary>
    private bool _lastV128ConstZero;

    private void NoteV128Const(ref Instruction ins) =>
        _lastV128ConstZero = ins.Opcode == Opcode.V128Const && ins.Value == 0 && ins.Value2 == 0;

    private bool EmitShuffleWithZero(ref Instruction ins)
    {
        if (ins.Opcode != Opcode.I8x16Shuffle || _previous != Opcode.V128Const || !_lastV128ConstZero) return false;
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value, fromFirst: true));
        _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value2, fromFirst: true));
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), nameof(SimdOps.I8x16ShuffleWithZero)));
        return true;
    }
}
