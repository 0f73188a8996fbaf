namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// Register roles for generated AArch64 code, on top of AAPCS64 (the convention of calls into the runtime):
/// arguments and results in x0–x7 / v0–v7, x19–x28 and the low halves of v8–v15 (d8–d15) callee-saved, sp 16-byte
/// aligned at every call, x29 the frame pointer and x30 the link register.
/// </summary>
internal static class Arm64Abi
{
    /// <summary>The VM context: callee-saved, so calls into the runtime preserve it without a reload.</summary>
    public const XReg Vmctx = XReg.X28;

    /// <summary>Base of linear memory 0, cached in a callee-saved register next to the context.</summary>
    public const XReg MemoryBase = XReg.X27;

    /// <summary>x16/x17 (ip0/ip1) may be clobbered by any call sequence: scratch for addresses and call targets.</summary>
    public const XReg Scratch0 = XReg.X16;

    public const XReg Scratch1 = XReg.X17;

    /// <summary>The platform register: reserved on some systems, never allocated.</summary>
    public const XReg Platform = XReg.X18;

    /// <summary>Frame pointer: every frame stores (x29, x30) and points x29 at them, so backtraces walk the chain.</summary>
    public const XReg FramePointer = XReg.X29;

    public const XReg LinkRegister = XReg.X30;

    /// <summary>Scratch floating-point register, caller-saved.</summary>
    public const VReg FpScratch = VReg.V31;

    /// <summary>Integer argument registers in order (x0–x7); x8 is the indirect-result register.</summary>
    public static ReadOnlySpan<XReg> IntegerArguments => [XReg.X0, XReg.X1, XReg.X2, XReg.X3, XReg.X4, XReg.X5, XReg.X6, XReg.X7];

    /// <summary>Callee-saved general registers an entry trampoline must preserve (x19–x28; x29/x30 go in the frame record).</summary>
    public static ReadOnlySpan<XReg> CalleeSaved => [XReg.X19, XReg.X20, XReg.X21, XReg.X22, XReg.X23, XReg.X24, XReg.X25, XReg.X26, XReg.X27, XReg.X28];

    /// <summary>Callee-saved floating-point registers (only their low 64 bits, d8–d15): saved by the entry trampoline.</summary>
    public static ReadOnlySpan<VReg> CalleeSavedFp => [VReg.V8, VReg.V9, VReg.V10, VReg.V11, VReg.V12, VReg.V13, VReg.V14, VReg.V15];

    /// <summary>Stack alignment at every call and whenever sp is used as a base (sp-relative accesses fault otherwise).</summary>
    public const int StackAlignment = 16;
}
