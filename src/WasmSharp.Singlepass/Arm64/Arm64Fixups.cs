namespace WasmSharp.Singlepass.Arm64;

/// <summary>AArch64 fix-ups: word-scaled branch fields (b/bl, b.cond/cbz, tbz) and adr's byte field, patched in
/// place by <see cref="Arm64Branches"/>; a veneer is a <c>b</c> (±128 MiB).</summary>
internal sealed class Arm64Fixups : IFixupPatcher
{
    public static readonly Arm64Fixups Instance = new();

    private Arm64Fixups() { }

    public int MaxForward(FixupKind kind) => Arm64Branches.MaxForward(Kind(kind));

    /// <summary>The displacement is relative to the instruction itself: <paramref name="baseOffset"/> is its offset.</summary>
    public bool TryPatch(CodeBuffer buffer, FixupKind kind, int patchOffset, int baseOffset, int target) =>
        Arm64Branches.TryPatch(buffer, patchOffset, target, Kind(kind));

    public VeneerField WriteVeneer(CodeBuffer buffer)
    {
        int at = buffer.Position;
        buffer.Emit32(Arm64Branches.BranchPlaceholder);
        return new VeneerField(at, at, FixupKind.Arm64Imm26);
    }

    private static Arm64BranchKind Kind(FixupKind kind) => kind switch
    {
        FixupKind.Arm64Imm26 => Arm64BranchKind.Imm26,
        FixupKind.Arm64Imm19 => Arm64BranchKind.Imm19,
        FixupKind.Arm64Imm14 => Arm64BranchKind.Imm14,
        FixupKind.Arm64Adr => Arm64BranchKind.Adr,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an AArch64 fix-up kind"),
    };
}
