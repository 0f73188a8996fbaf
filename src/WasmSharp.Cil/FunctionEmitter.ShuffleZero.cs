using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// i8x16.shuffle with a zero constant as an operand (clang's zero-extension idiom): the zero's lookup and the or are
// dropped, one byte lookup remains, its 0x80 mask bytes giving the zero lanes. A zero second operand is the
// instruction just before the shuffle; a zero first operand was pushed a few straight-line instructions earlier
// (`v128.const 0, <load>, i32x4.splat, i8x16.shuffle`), found by a short look-ahead from the constant.
internal sealed partial class FunctionEmitter
{
    /// <summary>Whether the last v128.const emitted was all zeros (meaningful while <see cref="_previous"/> is one).</summary>
    private bool _lastV128ConstZero;

    /// <summary>Module offset of a shuffle whose first operand is a zero v128.const (found by
    /// <see cref="FindShuffleOfZero"/>), or -1.</summary>
    private int _shuffleOfZeroAt = -1;

    /// <summary>How many instructions after a zero constant the look-ahead follows (clang's idiom: 3–5 after a load, ~30
    /// after a gather of eight lane loads).</summary>
    private const int ShuffleLookAhead = 48;

    private void NoteV128Const(ref Instruction ins)
    {
        _lastV128ConstZero = ins.Opcode == Opcode.V128Const && ins.Value == 0 && ins.Value2 == 0;
        if (_lastV128ConstZero) FindShuffleOfZero(ins.Offset);
    }

    private bool EmitShuffleWithZero(ref Instruction ins)
    {
        if (ins.Opcode != Opcode.I8x16Shuffle) return false;
        if (ins.Offset == _shuffleOfZeroAt)
        {
            // stack: zero, b — the helper ignores the zero (RyuJIT drops the dead constant)
            _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value, fromFirst: false));
            _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value2, fromFirst: false));
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), nameof(SimdOps.I8x16ShuffleOfZero)));
            return true;
        }
        if (_previous != Opcode.V128Const || !_lastV128ConstZero) return false;
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value, fromFirst: true));
        _il.Emit(OpCodes.Ldc_I8, ShuffleMask((long)ins.Value2, fromFirst: true));
        _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), nameof(SimdOps.I8x16ShuffleWithZero)));
        return true;
    }

    /// <summary>Follows the straight-line code after the zero v128.const at <paramref name="constOffset"/> (about to
    /// be pushed at the current stack height) and records the shuffle that takes it as first operand, if one does
    /// before anything else pops it. Only local/global reads and writes and fixed-signature operators are followed:
    /// any other instruction (control, calls, drop, select) ends the look-ahead, so the stack heights are exact.</summary>
    private void FindShuffleOfZero(int constOffset)
    {
        var reader = new OperatorReader(_ctx.Module.Bytes.AsSpan(constOffset), constOffset);
        var ins = new Instruction();
        reader.Read(ref ins); // the constant itself
        int slot = _stack.Count, height = slot + 1;
        for (int n = 0; n < ShuffleLookAhead && !reader.AtEnd; n++)
        {
            reader.Read(ref ins);
            switch (ins.Opcode)
            {
                case Opcode.LocalGet or Opcode.GlobalGet: height++; continue;
                case Opcode.LocalSet or Opcode.GlobalSet: if (--height <= slot) return; continue;
                case Opcode.LocalTee: if (height - 1 <= slot) return; continue;
            }
            ref readonly var sig = ref OpcodeTable.SignatureOf(ins.Opcode);
            if (!sig.IsPlain) return;
            if (ins.Opcode == Opcode.I8x16Shuffle && height == slot + 2)
            {
                _shuffleOfZeroAt = ins.Offset;
                return;
            }
            height -= sig.ParamCount;
            if (height <= slot) return;
            if (sig.Result != 0) height++;
        }
    }
}
