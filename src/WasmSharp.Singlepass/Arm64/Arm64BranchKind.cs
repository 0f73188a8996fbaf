namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// The PC-relative fields a label fix-up can target. All but <see cref="Adr"/> count words (the byte
/// displacement must be a multiple of 4); the field bounds give the reach.
/// </summary>
internal enum Arm64BranchKind : byte
{
    /// <summary>b, bl: imm26 at bits 25..0, ±128 MiB.</summary>
    Imm26,
    /// <summary>b.cond, cbz, cbnz, ldr (literal): imm19 at bits 23..5, ±1 MiB.</summary>
    Imm19,
    /// <summary>tbz, tbnz: imm14 at bits 18..5, ±32 KiB.</summary>
    Imm14,
    /// <summary>adr: a byte displacement split into immlo (bits 30..29) and immhi (bits 23..5), ±1 MiB.</summary>
    Adr,
}
