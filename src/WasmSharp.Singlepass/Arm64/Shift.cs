namespace WasmSharp.Singlepass.Arm64;

/// <summary>Shift applied to the register operand of shifted-register forms; the value is the <c>shift</c> field.</summary>
internal enum Shift : byte
{
    Lsl, Lsr, Asr,
    /// <summary>Only logical instructions accept a rotated operand.</summary>
    Ror,
}

/// <summary>Extension applied to the register operand of extended-register add/sub; the value is the <c>option</c> field.</summary>
internal enum Extend : byte
{
    Uxtb, Uxth, Uxtw, Uxtx, Sxtb, Sxth, Sxtw, Sxtx,
}

/// <summary>How a register index is widened in a register-offset load/store; the value is the <c>option</c> field.</summary>
internal enum IndexExtend : byte
{
    /// <summary>32-bit index zero-extended: a Wasm address added to the memory base.</summary>
    Uxtw = 2,
    /// <summary>64-bit index as is.</summary>
    Lsl = 3,
    Sxtw = 6,
    Sxtx = 7,
}

/// <summary>Addressing mode of loads and stores with an immediate offset.</summary>
internal enum AddrMode : byte
{
    /// <summary><c>[rn, #off]</c>: the base is unchanged.</summary>
    Offset,
    /// <summary><c>[rn, #off]!</c>: the base is updated before the access (pushes).</summary>
    PreIndex,
    /// <summary><c>[rn], #off</c>: the base is updated after the access (pops).</summary>
    PostIndex,
}
