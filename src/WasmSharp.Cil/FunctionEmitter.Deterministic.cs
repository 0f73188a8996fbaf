using System.Reflection.Emit;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Validation;

namespace WasmSharp.Cil;

// Deterministic mode (EngineConfig.Deterministic): canonical NaNs after the float operators that can make one, and
// the Wasm-counted stack budget (StackHeightCost) charged at entry and refunded at return. Off: nothing emitted.
internal sealed partial class FunctionEmitter
{
    private bool Deterministic => _ctx.Engine.Config.Deterministic;

    private int _stackCost;
    /// <summary>The first byte of the operator after the current one; -1 at the end.</summary>
    private int _nextByte = -1;
    private LocalBuilder? _stackHeightAddr;
    private LocalBuilder? _stackHeightLeft;

    /// <summary>After <paramref name="op"/>'s result is on the CIL stack: replaces a NaN result by the canonical
    /// NaN. Bitwise operators (neg, abs, copysign), reinterpretations, pmin/pmax, loads and constants keep their bits.</summary>
    private void EmitCanonicalNaN(Opcode op)
    {
        switch (CanonicalShape(op))
        {
            // the next operator may canonicalize for both (NaNCanonicalization)
            case ValType.F32: if (!NaNCanonicalization.NextCanonicalizes(_nextByte, is64: false)) EmitCanonicalScalar(f32: true); break;
            case ValType.F64: if (!NaNCanonicalization.NextCanonicalizes(_nextByte, is64: true)) EmitCanonicalScalar(f32: false); break;
            case ValType.V128:
                _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), IsF64x2(op) ? nameof(SimdOps.CanonicalizeF64x2) : nameof(SimdOps.CanonicalizeF32x4)));
                break;
        }
    }

    /// <summary>The result type of a float operator whose result may be a fresh NaN; 0 for every other operator.</summary>
    private static ValType CanonicalShape(Opcode op) => op switch
    {
        Opcode.F32Ceil or Opcode.F32Floor or Opcode.F32Trunc or Opcode.F32Nearest or Opcode.F32Sqrt
            or Opcode.F32Add or Opcode.F32Sub or Opcode.F32Mul or Opcode.F32Div or Opcode.F32Min or Opcode.F32Max
            or Opcode.F32DemoteF64 => ValType.F32,
        Opcode.F64Ceil or Opcode.F64Floor or Opcode.F64Trunc or Opcode.F64Nearest or Opcode.F64Sqrt
            or Opcode.F64Add or Opcode.F64Sub or Opcode.F64Mul or Opcode.F64Div or Opcode.F64Min or Opcode.F64Max
            or Opcode.F64PromoteF32 => ValType.F64,
        Opcode.F32x4Ceil or Opcode.F32x4Floor or Opcode.F32x4Trunc or Opcode.F32x4Nearest or Opcode.F32x4Sqrt
            or Opcode.F32x4Add or Opcode.F32x4Sub or Opcode.F32x4Mul or Opcode.F32x4Div or Opcode.F32x4Min or Opcode.F32x4Max
            or Opcode.F32x4DemoteF64x2Zero
            or Opcode.F64x2Ceil or Opcode.F64x2Floor or Opcode.F64x2Trunc or Opcode.F64x2Nearest or Opcode.F64x2Sqrt
            or Opcode.F64x2Add or Opcode.F64x2Sub or Opcode.F64x2Mul or Opcode.F64x2Div or Opcode.F64x2Min or Opcode.F64x2Max
            or Opcode.F64x2PromoteLowF32x4 => ValType.V128,
        _ => 0,
    };

    private static bool IsF64x2(Opcode op) => op is >= Opcode.F64x2Abs and <= Opcode.F64x2Pmax
        or Opcode.F64x2Ceil or Opcode.F64x2Floor or Opcode.F64x2Trunc or Opcode.F64x2Nearest or Opcode.F64x2PromoteLowF32x4;

    /// <summary><c>x == x ? x : canonical</c>, inline, with no local: <c>dup; dup; beq keep; pop; canonical;
    /// keep:</c>. The canonical NaN is made from its bits (a float literal NaN could come out with another sign or
    /// payload).</summary>
    private void EmitCanonicalScalar(bool f32)
    {
        var keep = _il.DefineLabel();
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Beq, keep);
        _il.Emit(OpCodes.Pop);
        if (f32)
        {
            _il.Emit(OpCodes.Ldc_I4, 0x7FC0_0000);
            EmitBcl(typeof(BitConverter), "Int32BitsToSingle", typeof(int));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, 0x7FF8_0000_0000_0000L);
            EmitBcl(typeof(BitConverter), "Int64BitsToDouble", typeof(long));
        }
        _il.MarkLabel(keep);
    }

    /// <summary>At entry, after the native stack check: <c>left = state->StackHeightLeft; left -= cost; if (left &lt;
    /// 0) unwind "call stack exhausted"; state->StackHeightLeft = left</c> (<see cref="EmitCharge"/>, as fuel). The
    /// unwind is the native check's, emitted after the body (<see cref="EmitStackHeightFailure"/>).</summary>
    private void EmitStackHeightCharge()
    {
        if (!Deterministic) return;
        _stackCost = StackHeightCost.Compute(_ctx.Validation, (uint)(_ctx.ImportedFunctions + _definedIndex), _ctx.Module.Bodies[_definedIndex]);
        _stackHeightAddr = EmitRuntimeFieldAddress(Runtime.VMOffsets.RuntimeStackHeightLeft);
        _stackHeightLeft = _il.DeclareLocal(typeof(int));
        _il.Emit(OpCodes.Ldloc, _stackHeightAddr);
        _il.Emit(OpCodes.Ldind_I4);
        _il.Emit(OpCodes.Stloc, _stackHeightLeft);
        _stackHeightFail = _il.DefineLabel();
        EmitCharge(_stackHeightLeft, wide: false, _stackCost, _stackHeightFail.Value);
        _il.Emit(OpCodes.Ldloc, _stackHeightAddr);
        _il.Emit(OpCodes.Ldloc, _stackHeightLeft);
        _il.Emit(OpCodes.Stind_I4);
    }

    private Label? _stackHeightFail;

    /// <summary>After the body: the entry charge's failure (the CIL stack is empty there) unwinds as the native
    /// stack check at entry does (<see cref="FrameGuard"/>); the store's counter was not lowered.</summary>
    private void EmitStackHeightFailure()
    {
        if (_stackHeightFail is { } fail) EmitUnwindStart(fail, -1);
    }

    /// <summary>Before the function's return: gives the entry's charge back (the address is re-read: a host call
    /// may have re-entered, but the runtime state is the store's and does not move).</summary>
    private void EmitStackHeightRefund()
    {
        if (_stackHeightAddr is null) return;
        _il.Emit(OpCodes.Ldloc, _stackHeightAddr);
        _il.Emit(OpCodes.Ldloc, _stackHeightAddr);
        _il.Emit(OpCodes.Ldind_I4);
        _il.Emit(OpCodes.Ldc_I4, _stackCost);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stind_I4);
    }
}
