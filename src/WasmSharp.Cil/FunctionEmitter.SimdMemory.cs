using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

// Whole-vector SIMD loads and stores through the scalar accesses' inline bounds check and the cached memory base:
// the SimdOps helpers reload the base from the context, which RyuJIT repeats after every store (it may alias).
internal sealed partial class FunctionEmitter
{
    private bool EmitSimdMemory(Opcode op, ulong offset)
    {
        switch (op)
        {
            case Opcode.V128Load:
                EmitEffectiveAddress(offset, 16);
                _il.Emit(OpCodes.Unaligned, (byte)1);
                _il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>));
                return true;
            case Opcode.V128Store:
                var value = Temp(ValType.V128, 0);
                _il.Emit(OpCodes.Stloc, value);
                EmitEffectiveAddress(offset, 16);
                _il.Emit(OpCodes.Ldloc, value);
                _il.Emit(OpCodes.Unaligned, (byte)1);
                _il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
                return true;
            case Opcode.V128Load8x8S: return LoadVia(8, nameof(SimdOps.Load8x8SAt));
            case Opcode.V128Load8x8U: return LoadVia(8, nameof(SimdOps.Load8x8UAt));
            case Opcode.V128Load16x4S: return LoadVia(8, nameof(SimdOps.Load16x4SAt));
            case Opcode.V128Load16x4U: return LoadVia(8, nameof(SimdOps.Load16x4UAt));
            case Opcode.V128Load32x2S: return LoadVia(8, nameof(SimdOps.Load32x2SAt));
            case Opcode.V128Load32x2U: return LoadVia(8, nameof(SimdOps.Load32x2UAt));
            case Opcode.V128Load8Splat: return LoadVia(1, nameof(SimdOps.Load8SplatAt));
            case Opcode.V128Load16Splat: return LoadVia(2, nameof(SimdOps.Load16SplatAt));
            case Opcode.V128Load32Splat: return LoadVia(4, nameof(SimdOps.Load32SplatAt));
            case Opcode.V128Load64Splat: return LoadVia(8, nameof(SimdOps.Load64SplatAt));
            case Opcode.V128Load32Zero: return LoadVia(4, nameof(SimdOps.Load32ZeroAt));
            case Opcode.V128Load64Zero: return LoadVia(8, nameof(SimdOps.Load64ZeroAt));
            default: return false;
        }

        bool LoadVia(int size, string helper)
        {
            EmitEffectiveAddress(offset, size);
            _il.Emit(OpCodes.Call, Helpers.Get(typeof(SimdOps), helper));
            return true;
        }
    }
}
