namespace WasmSharp.Singlepass.Arm64;

/// <summary>An AArch64 SIMD/floating-point register; its view (b/h/s/d/q or a vector arrangement) is chosen by the instruction.</summary>
internal enum VReg : byte
{
    V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
    V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31,
}

/// <summary>Scalar floating-point precision: the value is the <c>ftype</c> field.</summary>
internal enum FpSize : byte
{
    /// <summary>32-bit, s registers.</summary>
    S = 0,
    /// <summary>64-bit, d registers.</summary>
    D = 1,
}
