using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Whole-vector SIMD loads and stores through the scalar accesses' inline bounds check and the cached memory base:
// the SimdOps helpers reload the base from the context, which RyuJIT repeats after every store (it may alias).
// In guard-page mode lane loads and stores too (no check at all: the address is the cached base plus the index).
internal sealed partial class FunctionEmitter
{
    private bool EmitSimdMemory(Opcode op, ulong offset, int lane)
    {
        switch (op)
        {
            case Opcode.V128Load:
                EmitEffectiveAddress(offset, 16, WideLoadAccess(v128: true, integer: false));
                _il.Emit(OpCodes.Unaligned, (byte)1);
                _il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>));
                return true;
            case Opcode.V128Store:
                var value = Temp(ValType.V128, 0);
                _il.Emit(OpCodes.Stloc, value);
                EmitEffectiveAddress(offset, 16, Access.Store);
                _il.Emit(OpCodes.Ldloc, value);
                EmitStorePrefix();
                _il.Emit(OpCodes.Unaligned, (byte)1);
                _il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
                return true;
            case Opcode.V128Load8x8S: return LoadVia(8, nameof(SimdOps.Load8x8SAt));
            case Opcode.V128Load8x8U: return LoadVia(8, nameof(SimdOps.Load8x8UAt));
            case Opcode.V128Load16x4S: return LoadVia(8, nameof(SimdOps.Load16x4SAt));
            case Opcode.V128Load16x4U: return LoadVia(8, nameof(SimdOps.Load16x4UAt));
            case Opcode.V128Load32x2S: return LoadVia(8, nameof(SimdOps.Load32x2SAt));
            case Opcode.V128Load32x2U: return LoadVia(8, nameof(SimdOps.Load32x2UAt));
            // guard pages: a narrow scalar load is volatile, kept whole, where a helper's load needs a probe
            case Opcode.V128Load8Splat when _guardPages: return ScalarThen(1, OpCodes.Ldind_U1, nameof(SimdOps.I8x16Splat));
            case Opcode.V128Load16Splat when _guardPages: return ScalarThen(2, OpCodes.Ldind_U2, nameof(SimdOps.I16x8Splat));
            case Opcode.V128Load32Splat when _guardPages: return ScalarThen(4, OpCodes.Ldind_I4, nameof(SimdOps.I32x4Splat));
            case Opcode.V128Load32Zero when _guardPages: return ScalarThen(4, OpCodes.Ldind_I4, nameof(SimdOps.I32x4Scalar));
            case Opcode.V128Load8Splat: return LoadVia(1, nameof(SimdOps.Load8SplatAt));
            case Opcode.V128Load16Splat: return LoadVia(2, nameof(SimdOps.Load16SplatAt));
            case Opcode.V128Load32Splat: return LoadVia(4, nameof(SimdOps.Load32SplatAt));
            case Opcode.V128Load64Splat: return LoadVia(8, nameof(SimdOps.Load64SplatAt));
            case Opcode.V128Load32Zero: return LoadVia(4, nameof(SimdOps.Load32ZeroAt));
            case Opcode.V128Load64Zero: return LoadVia(8, nameof(SimdOps.Load64ZeroAt));
            // lanes: inline only without checks (with checks, the helpers' own were measured faster)
            case Opcode.V128Load8Lane when _guardPages: return ScalarIntoLane(1, OpCodes.Ldind_U1, nameof(SimdOps.I8x16ReplaceLane));
            case Opcode.V128Load16Lane when _guardPages: return ScalarIntoLane(2, OpCodes.Ldind_U2, nameof(SimdOps.I16x8ReplaceLane));
            case Opcode.V128Load32Lane when _guardPages: return ScalarIntoLane(4, OpCodes.Ldind_I4, nameof(SimdOps.I32x4ReplaceLane));
            case Opcode.V128Load64Lane when _guardPages: return LaneVia(8, true, nameof(SimdOps.Load64LaneAt));
            case Opcode.V128Store8Lane when _guardPages: return LaneVia(1, false, nameof(SimdOps.Store8LaneAt));
            case Opcode.V128Store16Lane when _guardPages: return LaneVia(2, false, nameof(SimdOps.Store16LaneAt));
            case Opcode.V128Store32Lane when _guardPages: return LaneVia(4, false, nameof(SimdOps.Store32LaneAt));
            case Opcode.V128Store64Lane when _guardPages: return LaneVia(8, false, nameof(SimdOps.Store64LaneAt));
            default: return false;
        }

        bool LoadVia(int size, string helper)
        {
            EmitEffectiveAddress(offset, size, Access.HelperLoad);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), helper));
            return true;
        }

        // guard pages: a volatile scalar load (as i32.load*), then a helper builds the vector from it
        bool ScalarThen(int size, OpCode load, string helper)
        {
            EmitLoad(offset, size, load);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), helper));
            return true;
        }

        // guard pages: (address, vector) on the stack; the scalar loaded as i32.load* goes into the lane
        bool ScalarIntoLane(int size, OpCode load, string replaceLane)
        {
            var vector = Temp(ValType.V128, 0);
            var value = Temp(ValType.I32, 0);
            _il.Emit(OpCodes.Stloc, vector);
            EmitLoad(offset, size, load);
            _il.Emit(OpCodes.Stloc, value);
            _il.Emit(OpCodes.Ldloc, vector);
            _il.Emit(OpCodes.Ldloc, value);
            _il.Emit(OpCodes.Ldc_I4, lane);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), replaceLane));
            return true;
        }

        // (address, vector) on the stack: the address is formed under the vector
        bool LaneVia(int size, bool load, string helper)
        {
            var vector = Temp(ValType.V128, 0);
            _il.Emit(OpCodes.Stloc, vector);
            EmitEffectiveAddress(offset, size, load ? Access.HelperLoad : Access.Store);
            _il.Emit(OpCodes.Ldloc, vector);
            _il.Emit(OpCodes.Ldc_I4, lane);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), helper));
            return true;
        }
    }
}
