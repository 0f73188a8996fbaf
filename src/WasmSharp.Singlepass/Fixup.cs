namespace WasmSharp.Singlepass;

/// <summary>
/// How a displacement to a label is stored in the code. Each ISA patches its own kinds (an
/// <see cref="IFixupPatcher"/>) and refuses the others'.
/// </summary>
internal enum FixupKind : byte
{
    /// <summary>x86: signed 8-bit byte displacement (short branches).</summary>
    Rel8,
    /// <summary>x86: signed 32-bit little-endian byte displacement (near branches, RIP-relative, jump tables).</summary>
    Rel32,
    /// <summary>AArch64 <c>b</c>/<c>bl</c>: signed 26-bit word displacement in bits 0-25 (±128 MiB).</summary>
    Arm64Imm26,
    /// <summary>AArch64 <c>b.cond</c>, <c>cbz</c>/<c>cbnz</c>, literal <c>ldr</c>: signed 19-bit word displacement in
    /// bits 5-23 (±1 MiB).</summary>
    Arm64Imm19,
    /// <summary>AArch64 <c>tbz</c>/<c>tbnz</c>: signed 14-bit word displacement in bits 5-18 (±32 KiB).</summary>
    Arm64Imm14,
    /// <summary>AArch64 <c>adr</c>: signed 21-bit byte displacement, low 2 bits in 29-30, high 19 in 5-23 (±1 MiB).</summary>
    Arm64Adr,
}

/// <summary>
/// The ISA's half of the label layer: writes a displacement into an instruction field of one of its
/// <see cref="FixupKind"/>s, and says how far each kind reaches forward, so that the <see cref="LabelTable"/> can
/// tell when a pending short branch needs a veneer (see <see cref="LabelTable.VeneersDue"/>).
/// </summary>
internal interface IFixupPatcher
{
    /// <summary>The largest <c>target - base</c> a field of <paramref name="kind"/> holds.</summary>
    int MaxForward(FixupKind kind);

    /// <summary>Writes <c>target - baseOffset</c> into the field at <paramref name="patchOffset"/>; false, writing
    /// nothing, when it does not fit.</summary>
    bool TryPatch(CodeBuffer buffer, FixupKind kind, int patchOffset, int baseOffset, int target);

    /// <summary>Writes a veneer at the buffer's end: an unconditional branch of the longest reach, its displacement
    /// left for the caller to fix up. Returns the field to fix up.</summary>
    VeneerField WriteVeneer(CodeBuffer buffer);
}

/// <summary>The displacement field of a veneer's branch: where it is, what it is relative to, its kind.</summary>
internal readonly record struct VeneerField(int PatchOffset, int BaseOffset, FixupKind Kind);

/// <summary>
/// A pending reference to an unbound label: when the label is bound at <c>target</c>,
/// the field at <see cref="PatchOffset"/> receives <c>target - BaseOffset</c>.
/// The base is explicit because it is not always the end of the field (RIP-relative operands
/// followed by an immediate, jump-table entries relative to the table start, AArch64 branches
/// relative to their own start).
/// </summary>
internal struct Fixup
{
    public int PatchOffset;
    public int BaseOffset;
    /// <summary>The last label offset the field can reach (<c>BaseOffset + MaxForward(Kind)</c>).</summary>
    public int Deadline;
    public FixupKind Kind;
    /// <summary>Index of the next fix-up of the same label, or -1: an intrusive list, so no per-label allocation.</summary>
    public int Next;
}
