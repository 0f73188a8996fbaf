namespace WasmSharp.Singlepass.CodeGen;

// 128-bit SIMD operator families the generator asks a MacroAssembler for. Members are named after the Wasm operator
// they implement (the generator maps opcodes to them by name), so an ISA lowers each one with the operator's exact
// semantics; NEON has a near one-to-one instruction for most, x86 needs sequences for some.

/// <summary>The lane interpretation of a v128 value.</summary>
internal enum LaneShape : byte { I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 }

/// <summary><c>dst = lhs op rhs</c> on two v128 values, lane-wise unless the operator says otherwise.</summary>
internal enum V128BinOp : byte
{
    V128And, V128Andnot, V128Or, V128Xor,
    I8x16Swizzle,
    I8x16Eq, I8x16Ne, I8x16LtS, I8x16LtU, I8x16GtS, I8x16GtU, I8x16LeS, I8x16LeU, I8x16GeS, I8x16GeU,
    I16x8Eq, I16x8Ne, I16x8LtS, I16x8LtU, I16x8GtS, I16x8GtU, I16x8LeS, I16x8LeU, I16x8GeS, I16x8GeU,
    I32x4Eq, I32x4Ne, I32x4LtS, I32x4LtU, I32x4GtS, I32x4GtU, I32x4LeS, I32x4LeU, I32x4GeS, I32x4GeU,
    I64x2Eq, I64x2Ne, I64x2LtS, I64x2GtS, I64x2LeS, I64x2GeS,
    F32x4Eq, F32x4Ne, F32x4Lt, F32x4Gt, F32x4Le, F32x4Ge,
    F64x2Eq, F64x2Ne, F64x2Lt, F64x2Gt, F64x2Le, F64x2Ge,
    I8x16NarrowI16x8S, I8x16NarrowI16x8U, I16x8NarrowI32x4S, I16x8NarrowI32x4U,
    I8x16Add, I8x16AddSatS, I8x16AddSatU, I8x16Sub, I8x16SubSatS, I8x16SubSatU,
    I8x16MinS, I8x16MinU, I8x16MaxS, I8x16MaxU, I8x16AvgrU,
    I16x8Add, I16x8AddSatS, I16x8AddSatU, I16x8Sub, I16x8SubSatS, I16x8SubSatU, I16x8Mul,
    I16x8MinS, I16x8MinU, I16x8MaxS, I16x8MaxU, I16x8AvgrU, I16x8Q15mulrSatS,
    I16x8ExtmulLowI8x16S, I16x8ExtmulHighI8x16S, I16x8ExtmulLowI8x16U, I16x8ExtmulHighI8x16U,
    I32x4Add, I32x4Sub, I32x4Mul, I32x4MinS, I32x4MinU, I32x4MaxS, I32x4MaxU, I32x4DotI16x8S,
    I32x4ExtmulLowI16x8S, I32x4ExtmulHighI16x8S, I32x4ExtmulLowI16x8U, I32x4ExtmulHighI16x8U,
    I64x2Add, I64x2Sub, I64x2Mul,
    I64x2ExtmulLowI32x4S, I64x2ExtmulHighI32x4S, I64x2ExtmulLowI32x4U, I64x2ExtmulHighI32x4U,
    F32x4Add, F32x4Sub, F32x4Mul, F32x4Div, F32x4Min, F32x4Max, F32x4Pmin, F32x4Pmax,
    F64x2Add, F64x2Sub, F64x2Mul, F64x2Div, F64x2Min, F64x2Max, F64x2Pmin, F64x2Pmax,
}

/// <summary><c>dst = op src</c> on one v128 value (including the conversions between lane shapes).</summary>
internal enum V128UnOp : byte
{
    V128Not,
    I8x16Abs, I8x16Neg, I8x16Popcnt,
    I16x8Abs, I16x8Neg, I32x4Abs, I32x4Neg, I64x2Abs, I64x2Neg,
    I16x8ExtaddPairwiseI8x16S, I16x8ExtaddPairwiseI8x16U, I32x4ExtaddPairwiseI16x8S, I32x4ExtaddPairwiseI16x8U,
    I16x8ExtendLowI8x16S, I16x8ExtendHighI8x16S, I16x8ExtendLowI8x16U, I16x8ExtendHighI8x16U,
    I32x4ExtendLowI16x8S, I32x4ExtendHighI16x8S, I32x4ExtendLowI16x8U, I32x4ExtendHighI16x8U,
    I64x2ExtendLowI32x4S, I64x2ExtendHighI32x4S, I64x2ExtendLowI32x4U, I64x2ExtendHighI32x4U,
    F32x4Abs, F32x4Neg, F32x4Sqrt, F32x4Ceil, F32x4Floor, F32x4Trunc, F32x4Nearest,
    F64x2Abs, F64x2Neg, F64x2Sqrt, F64x2Ceil, F64x2Floor, F64x2Trunc, F64x2Nearest,
    I32x4TruncSatF32x4S, I32x4TruncSatF32x4U, F32x4ConvertI32x4S, F32x4ConvertI32x4U,
    I32x4TruncSatF64x2SZero, I32x4TruncSatF64x2UZero, F64x2ConvertLowI32x4S, F64x2ConvertLowI32x4U,
    F32x4DemoteF64x2Zero, F64x2PromoteLowF32x4,
}

/// <summary>Lane-wise shifts of a v128 by an integer count taken modulo the lane width.</summary>
internal enum V128ShiftOp : byte
{
    I8x16Shl, I8x16ShrS, I8x16ShrU, I16x8Shl, I16x8ShrS, I16x8ShrU,
    I32x4Shl, I32x4ShrS, I32x4ShrU, I64x2Shl, I64x2ShrS, I64x2ShrU,
}

/// <summary>Reductions of a v128 to an i32.</summary>
internal enum V128TestOp : byte
{
    V128AnyTrue,
    I8x16AllTrue, I8x16Bitmask, I16x8AllTrue, I16x8Bitmask, I32x4AllTrue, I32x4Bitmask, I64x2AllTrue, I64x2Bitmask,
}

/// <summary>Whole-vector loads (<c>v128.load</c>, the extending, splatting and zeroing loads).</summary>
internal enum V128LoadOp : byte
{
    V128Load,
    V128Load8x8S, V128Load8x8U, V128Load16x4S, V128Load16x4U, V128Load32x2S, V128Load32x2U,
    V128Load8Splat, V128Load16Splat, V128Load32Splat, V128Load64Splat,
    V128Load32Zero, V128Load64Zero,
}

internal static class V128LoadOpExtensions
{
    /// <summary>Bytes read from memory.</summary>
    public static int Size(this V128LoadOp op) => op switch
    {
        V128LoadOp.V128Load => 16,
        V128LoadOp.V128Load8Splat => 1,
        V128LoadOp.V128Load16Splat => 2,
        V128LoadOp.V128Load32Splat or V128LoadOp.V128Load32Zero => 4,
        _ => 8,
    };
}

internal static class LaneShapeExtensions
{
    /// <summary>Bytes per lane.</summary>
    public static int LaneBytes(this LaneShape s) => s switch
    {
        LaneShape.I8x16 => 1,
        LaneShape.I16x8 => 2,
        LaneShape.I32x4 or LaneShape.F32x4 => 4,
        _ => 8,
    };
}
