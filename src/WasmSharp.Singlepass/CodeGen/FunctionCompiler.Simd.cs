using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// 128-bit SIMD operators: v128 values use the float/vector register class and 16-byte slots; the operator families
// (SimdOperators.cs) are found from the opcode by a table built once from the enums' names.
internal sealed partial class FunctionCompiler
{
    /// <summary>Deterministic mode: NaN lanes produced by SIMD float arithmetic are made canonical.</summary>
    public bool CanonicalizeSimdNaNs { get; init; }

    private enum SimdFamily : byte { None, Binary, Unary, Shift, Test, Load }

    /// <summary>By opcode - 0x200: the operator's family and its member in that family's enum.</summary>
    private static readonly (SimdFamily Family, byte Op)[] SimdTable = BuildSimdTable();

    private static (SimdFamily, byte)[] BuildSimdTable()
    {
        var table = new (SimdFamily, byte)[0x100];
        void Add<T>(SimdFamily family) where T : struct, Enum
        {
            foreach (var v in Enum.GetValues<T>())
                table[(int)Enum.Parse<Opcode>(v.ToString()) - 0x200] = (family, System.Convert.ToByte(v));
        }
        Add<V128BinOp>(SimdFamily.Binary);
        Add<V128UnOp>(SimdFamily.Unary);
        Add<V128ShiftOp>(SimdFamily.Shift);
        Add<V128TestOp>(SimdFamily.Test);
        Add<V128LoadOp>(SimdFamily.Load);
        return table;
    }

    /// <summary>Refuses SIMD cleanly on an ISA whose MacroAssembler does not implement it.</summary>
    private void RequireSimd()
    {
        if (!_masm.SupportsSimd) throw Simd();
    }

    private void EmitSimd(ref Instruction ins)
    {
        RequireSimd();
        var op = ins.Opcode;
        var (family, k) = SimdTable[(int)op - 0x200];
        switch (family)
        {
            case SimdFamily.Binary: V128Binary((V128BinOp)k); return;
            case SimdFamily.Unary: V128Unary((V128UnOp)k); return;
            case SimdFamily.Shift: V128Shift((V128ShiftOp)k); return;
            case SimdFamily.Test: V128Test((V128TestOp)k); return;
            case SimdFamily.Load: V128Load((V128LoadOp)k, ins.Value); return;
        }
        switch (op)
        {
            case Opcode.V128Const:
            {
                var r = Alloc(RegClass.Float);
                _masm.V128Const(r, ins.Value, ins.Value2);
                PushReg(ValType.V128, r);
                return;
            }
            case Opcode.V128Store: V128Store(ins.Value); return;
            case Opcode.I8x16Shuffle:
            {
                var rhs = PopToReg();
                var lhs = PopToReg();
                _masm.V128Shuffle(lhs, lhs, rhs, ins.Value, ins.Value2);
                Free(rhs);
                PushReg(ValType.V128, lhs);
                return;
            }
            case Opcode.V128Bitselect:
            {
                var mask = PopToReg();
                var b = PopToReg();
                var a = PopToReg();
                _masm.V128Bitselect(a, a, b, mask);
                Free(b);
                Free(mask);
                PushReg(ValType.V128, a);
                return;
            }
            case >= Opcode.I8x16Splat and <= Opcode.F64x2Splat: Splat((LaneShape)(op - Opcode.I8x16Splat)); return;
            case Opcode.I8x16ExtractLaneS: ExtractLane(LaneShape.I8x16, true, ins.Lane); return;
            case Opcode.I8x16ExtractLaneU: ExtractLane(LaneShape.I8x16, false, ins.Lane); return;
            case Opcode.I16x8ExtractLaneS: ExtractLane(LaneShape.I16x8, true, ins.Lane); return;
            case Opcode.I16x8ExtractLaneU: ExtractLane(LaneShape.I16x8, false, ins.Lane); return;
            case Opcode.I32x4ExtractLane: ExtractLane(LaneShape.I32x4, false, ins.Lane); return;
            case Opcode.I64x2ExtractLane: ExtractLane(LaneShape.I64x2, false, ins.Lane); return;
            case Opcode.F32x4ExtractLane: ExtractLane(LaneShape.F32x4, false, ins.Lane); return;
            case Opcode.F64x2ExtractLane: ExtractLane(LaneShape.F64x2, false, ins.Lane); return;
            case Opcode.I8x16ReplaceLane: ReplaceLane(LaneShape.I8x16, ins.Lane); return;
            case Opcode.I16x8ReplaceLane: ReplaceLane(LaneShape.I16x8, ins.Lane); return;
            case Opcode.I32x4ReplaceLane: ReplaceLane(LaneShape.I32x4, ins.Lane); return;
            case Opcode.I64x2ReplaceLane: ReplaceLane(LaneShape.I64x2, ins.Lane); return;
            case Opcode.F32x4ReplaceLane: ReplaceLane(LaneShape.F32x4, ins.Lane); return;
            case Opcode.F64x2ReplaceLane: ReplaceLane(LaneShape.F64x2, ins.Lane); return;
            case >= Opcode.V128Load8Lane and <= Opcode.V128Load64Lane:
                LoadLane(1 << (op - Opcode.V128Load8Lane), ins.Value, ins.Lane);
                return;
            case >= Opcode.V128Store8Lane and <= Opcode.V128Store64Lane:
                StoreLane(1 << (op - Opcode.V128Store8Lane), ins.Value, ins.Lane);
                return;
        }
        throw new UnsupportedFeatureException(OpcodeTable.Name(op), "not supported by the Singlepass compiler");
    }

    private void V128Binary(V128BinOp op)
    {
        var rhs = PopToReg();
        var lhs = PopToReg();
        _masm.V128Binary(op, lhs, lhs, rhs);
        Free(rhs);
        if (CanonicalizeSimdNaNs && MayMakeNaN(op, out bool is64)) _masm.V128CanonicalizeNaN(is64, lhs);
        PushReg(ValType.V128, lhs);
    }

    private void V128Unary(V128UnOp op)
    {
        var r = PopToReg();
        _masm.V128Unary(op, r, r);
        if (CanonicalizeSimdNaNs && MayMakeNaN(op, out bool is64)) _masm.V128CanonicalizeNaN(is64, r);
        PushReg(ValType.V128, r);
    }

    /// <summary>Float arithmetic and min/max compute new NaNs (whose payload and sign the hardware picks); pmin/pmax
    /// return one of their operands unchanged, like select.</summary>
    private static bool MayMakeNaN(V128BinOp op, out bool is64)
    {
        is64 = op >= V128BinOp.F64x2Add;
        return op is >= V128BinOp.F32x4Add and <= V128BinOp.F32x4Max or >= V128BinOp.F64x2Add and <= V128BinOp.F64x2Max;
    }

    /// <summary>sqrt, rounding, demote and promote compute new NaNs; abs/neg only change the sign bit.</summary>
    private static bool MayMakeNaN(V128UnOp op, out bool is64)
    {
        is64 = op is >= V128UnOp.F64x2Sqrt and <= V128UnOp.F64x2Nearest or V128UnOp.F64x2PromoteLowF32x4;
        return op is >= V128UnOp.F32x4Sqrt and <= V128UnOp.F32x4Nearest or >= V128UnOp.F64x2Sqrt and <= V128UnOp.F64x2Nearest
            or V128UnOp.F32x4DemoteF64x2Zero or V128UnOp.F64x2PromoteLowF32x4;
    }

    private void V128Shift(V128ShiftOp op)
    {
        var count = PopOperand(false);
        var v = PopToReg();
        _masm.V128Shift(op, v, v, count);
        if (!count.IsImm) Free(count.Reg);
        PushReg(ValType.V128, v);
    }

    private void V128Test(V128TestOp op)
    {
        var src = PopToReg();
        var dst = Alloc(RegClass.Int);
        _masm.V128Test(op, dst, src);
        Free(src);
        PushReg(ValType.I32, dst);
    }

    private void Splat(LaneShape shape)
    {
        var src = PopToReg();
        var dst = Alloc(RegClass.Float);
        _masm.V128Splat(shape, dst, src);
        Free(src);
        PushReg(ValType.V128, dst);
    }

    private void ExtractLane(LaneShape shape, bool signed, int lane)
    {
        var src = PopToReg();
        var result = shape switch
        {
            LaneShape.I64x2 => ValType.I64,
            LaneShape.F32x4 => ValType.F32,
            LaneShape.F64x2 => ValType.F64,
            _ => ValType.I32,
        };
        var dst = ClassOf(result) == RegClass.Float ? src : Alloc(RegClass.Int);
        _masm.V128ExtractLane(shape, signed, dst, src, lane);
        if (dst != src) Free(src);
        PushReg(result, dst);
    }

    private void ReplaceLane(LaneShape shape, int lane)
    {
        var value = PopToReg();
        var vec = PopToReg();
        _masm.V128ReplaceLane(shape, vec, vec, value, lane);
        Free(value);
        PushReg(ValType.V128, vec);
    }

    private Label OutOfBounds => _traps.MemoryAccess();

    private void V128Load(V128LoadOp op, ulong offset)
    {
        var addr = PopToReg();
        var dst = Alloc(RegClass.Float);
        _masm.V128Load(op, dst, addr, offset, OutOfBounds);
        Free(addr);
        PushReg(ValType.V128, dst);
    }

    private void V128Store(ulong offset)
    {
        var value = PopToReg();
        var addr = PopToReg();
        _masm.V128Store(value, addr, offset, OutOfBounds);
        Free(value);
        Free(addr);
    }

    private void LoadLane(int bytes, ulong offset, int lane)
    {
        var vec = PopToReg();
        var addr = PopToReg();
        _masm.V128LoadLane(bytes, vec, addr, offset, lane, OutOfBounds);
        Free(addr);
        PushReg(ValType.V128, vec);
    }

    private void StoreLane(int bytes, ulong offset, int lane)
    {
        var vec = PopToReg();
        var addr = PopToReg();
        _masm.V128StoreLane(bytes, vec, addr, offset, lane, OutOfBounds);
        Free(vec);
        Free(addr);
    }
}
