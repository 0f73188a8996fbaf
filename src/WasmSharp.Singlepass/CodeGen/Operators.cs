namespace WasmSharp.Singlepass.CodeGen;

// Operator families the generator asks a MacroAssembler for. Each ISA lowers them as it likes.

internal enum IntBinOp : byte { Add, Sub, Mul, And, Or, Xor, Shl, ShrS, ShrU, Rotl, Rotr }

internal enum DivOp : byte { DivS, DivU, RemS, RemU }

internal enum IntCmp : byte { Eq, Ne, LtS, LtU, GtS, GtU, LeS, LeU, GeS, GeU }

internal enum IntUnOp : byte { Clz, Ctz, Popcnt, Eqz }

internal enum FloatBinOp : byte { Add, Sub, Mul, Div, Min, Max, Copysign }

internal enum FloatUnOp : byte { Abs, Neg, Sqrt, Ceil, Floor, Trunc, Nearest }

internal enum FloatCmp : byte { Eq, Ne, Lt, Gt, Le, Ge }

/// <summary>Conversions between value types, named after the Wasm operator.</summary>
internal enum ConvOp : byte
{
    I32WrapI64, I64ExtendI32S, I64ExtendI32U,
    I32Extend8S, I32Extend16S, I64Extend8S, I64Extend16S, I64Extend32S,
    I32TruncF32S, I32TruncF32U, I32TruncF64S, I32TruncF64U,
    I64TruncF32S, I64TruncF32U, I64TruncF64S, I64TruncF64U,
    I32TruncSatF32S, I32TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U,
    I64TruncSatF32S, I64TruncSatF32U, I64TruncSatF64S, I64TruncSatF64U,
    F32ConvertI32S, F32ConvertI32U, F32ConvertI64S, F32ConvertI64U,
    F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U,
    F32DemoteF64, F64PromoteF32,
    I32ReinterpretF32, I64ReinterpretF64, F32ReinterpretI32, F64ReinterpretI64,
}

/// <summary>Memory access shapes: width, and sign or zero extension for narrow loads.</summary>
internal enum MemOp : byte
{
    I32Load, I64Load, F32Load, F64Load,
    I32Load8S, I32Load8U, I32Load16S, I32Load16U,
    I64Load8S, I64Load8U, I64Load16S, I64Load16U, I64Load32S, I64Load32U,
    I32Store, I64Store, F32Store, F64Store, I32Store8, I32Store16, I64Store8, I64Store16, I64Store32,
}

internal static class MemOpExtensions
{
    /// <summary>Bytes accessed.</summary>
    public static int Size(this MemOp op) => op switch
    {
        MemOp.I64Load or MemOp.F64Load or MemOp.I64Store or MemOp.F64Store => 8,
        MemOp.I32Load or MemOp.F32Load or MemOp.I64Load32S or MemOp.I64Load32U or MemOp.I32Store or MemOp.F32Store or MemOp.I64Store32 => 4,
        MemOp.I32Load16S or MemOp.I32Load16U or MemOp.I64Load16S or MemOp.I64Load16U or MemOp.I32Store16 or MemOp.I64Store16 => 2,
        _ => 1,
    };
}

/// <summary>Where generated code goes when it traps; one label per kind per function.</summary>
internal readonly record struct TrapLabels(Label OutOfBounds, Label DivideByZero, Label Overflow, Label InvalidConversion);
