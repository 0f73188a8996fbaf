namespace WasmSharp.Singlepass.X64;

/// <summary>
/// A 64-bit general-purpose register, numbered as in the ModRM/REX encoding. The operand size
/// (rax/eax/ax/al) is chosen by the instruction, not the register.
/// </summary>
internal enum Gpr : byte
{
    Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi,
    R8, R9, R10, R11, R12, R13, R14, R15,
}

internal static class GprExtensions
{
    /// <summary>Low three bits, which go into ModRM/SIB/opcode; the fourth goes into REX or VEX.</summary>
    internal static int Low3(this Gpr r) => (int)r & 7;

    /// <summary>True for r8..r15, which need REX.R/X/B.</summary>
    public static bool IsExtended(this Gpr r) => r >= Gpr.R8;

    /// <summary>
    /// spl, bpl, sil, dil as 8-bit operands are only reachable with a REX prefix;
    /// without one the same numbers mean ah, ch, dh, bh.
    /// </summary>
    internal static bool NeedsRexAsByte(this Gpr r) => r is >= Gpr.Rsp and <= Gpr.Rdi;
}
