namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// An AArch64 general-purpose register. The operand width (x/w) is chosen by the instruction, not the register.
/// Register number 31 is the zero register in most operand fields and the stack pointer in a few; the two get
/// distinct values here so that the assembler can refuse the one a field cannot encode instead of silently
/// turning "xzr" into "sp" (or the reverse).
/// </summary>
internal enum XReg : byte
{
    X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
    X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30,
    /// <summary>xzr/wzr: reads as zero, writes are discarded.</summary>
    Zr = 31,
    /// <summary>sp/wsp: encoded as 31 in the fields that accept it.</summary>
    Sp = 32,
}

/// <summary>Operand width of an integer instruction: the value is the <c>sf</c> bit.</summary>
internal enum RegWidth : byte
{
    /// <summary>32-bit (w registers); writes zero the upper half.</summary>
    W = 0,
    /// <summary>64-bit (x registers).</summary>
    X = 1,
}
