namespace WasmSharp.Singlepass.Arm64;

/// <summary>Scalar floating-point two-operand operations; the value is the opcode field (bits 15..12).</summary>
internal enum FpBinaryOp : byte
{
    Fmul = 0,
    Fdiv = 1,
    Fadd = 2,
    Fsub = 3,
    /// <summary>NaN if either operand is NaN, and max(-0, +0) = +0: exactly Wasm's f32/f64.max.</summary>
    Fmax = 4,
    /// <summary>NaN if either operand is NaN, and min(-0, +0) = -0: exactly Wasm's f32/f64.min.</summary>
    Fmin = 5,
    Fmaxnm = 6,
    Fminnm = 7,
    Fnmul = 8,
}

/// <summary>Scalar floating-point one-operand operations; the value is the opcode field (bits 20..15).</summary>
internal enum FpUnaryOp : byte
{
    Fmov = 0,
    Fabs = 1,
    Fneg = 2,
    Fsqrt = 3,
    /// <summary>Round to nearest, ties to even: Wasm's nearest.</summary>
    Frintn = 8,
    /// <summary>Round toward +∞: Wasm's ceil.</summary>
    Frintp = 9,
    /// <summary>Round toward -∞: Wasm's floor.</summary>
    Frintm = 10,
    /// <summary>Round toward zero: Wasm's trunc.</summary>
    Frintz = 11,
    /// <summary>Round to nearest, ties away from zero.</summary>
    Frinta = 12,
    Frintx = 14,
    Frinti = 15,
}
