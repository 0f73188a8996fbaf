using System.Buffers.Binary;

namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// Range checks and patching of PC-relative fields, independent of any label table: a fix-up layer records
/// (offset, kind) when it emits a placeholder and calls
/// <see cref="TryPatch(Span{byte}, int, int, Arm64BranchKind)"/> once the target is known.
/// Offsets are byte offsets from the start of the same code; the displacement is taken from the instruction itself.
/// </summary>
internal static class Arm64Branches
{
    /// <summary>Whether a byte displacement fits the field of <paramref name="kind"/> (and is word-aligned where it must be).</summary>
    public static bool IsInRange(Arm64BranchKind kind, long displacement)
    {
        if (kind == Arm64BranchKind.Adr)
            return displacement >= -(1L << 20) && displacement < (1L << 20);
        if ((displacement & 3) != 0)
            return false;
        int bits = FieldBits(kind);
        long words = displacement >> 2;
        return words >= -(1L << (bits - 1)) && words < (1L << (bits - 1));
    }

    /// <summary>
    /// Rewrites the displacement field of the instruction at <paramref name="at"/> so that it refers to
    /// <paramref name="target"/>; false (and <paramref name="code"/> unchanged) when the target is out of range.
    /// </summary>
    public static bool TryPatch(Span<byte> code, int at, int target, Arm64BranchKind kind)
    {
        long displacement = (long)target - at;
        if (!IsInRange(kind, displacement))
            return false;
        Span<byte> slot = code.Slice(at, 4);
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(slot);
        BinaryPrimitives.WriteUInt32LittleEndian(slot, WithDisplacement(word, kind, displacement));
        return true;
    }

    /// <summary>
    /// The same on a <see cref="CodeBuffer"/> (the label layer's view of the code): displacement taken from the
    /// instruction at <paramref name="at"/>; false, writing nothing, when out of range.
    /// </summary>
    public static bool TryPatch(CodeBuffer buffer, int at, int target, Arm64BranchKind kind)
    {
        long displacement = (long)target - at;
        if (!IsInRange(kind, displacement))
            return false;
        buffer.Patch32(at, WithDisplacement((uint)buffer.Read32(at), kind, displacement));
        return true;
    }

    /// <summary>The largest forward byte displacement a field of <paramref name="kind"/> holds (when a veneer is due).</summary>
    public static int MaxForward(Arm64BranchKind kind) => kind switch
    {
        Arm64BranchKind.Adr => (1 << 20) - 1,
        _ => (1 << (FieldBits(kind) + 1)) - 4,
    };

    /// <summary>
    /// <c>b .</c>: the unconditional branch of the longest reach with a zero displacement, for a veneer written
    /// straight into a buffer and patched as <see cref="Arm64BranchKind.Imm26"/>.
    /// </summary>
    public const uint BranchPlaceholder = 0x1400_0000u;

    /// <summary>The instruction word with its field for <paramref name="kind"/> replaced; the displacement must be in range.</summary>
    public static uint WithDisplacement(uint word, Arm64BranchKind kind, long displacement)
    {
        switch (kind)
        {
            case Arm64BranchKind.Imm26:
                return (word & ~0x03FF_FFFFu) | ((uint)(displacement >> 2) & 0x03FF_FFFF);
            case Arm64BranchKind.Imm19:
                return (word & ~(0x7FFFFu << 5)) | ((uint)(displacement >> 2) & 0x7FFFF) << 5;
            case Arm64BranchKind.Imm14:
                return (word & ~(0x3FFFu << 5)) | ((uint)(displacement >> 2) & 0x3FFF) << 5;
            case Arm64BranchKind.Adr:
                uint immlo = (uint)displacement & 3, immhi = (uint)(displacement >> 2) & 0x7FFFF;
                return (word & ~(3u << 29 | 0x7FFFFu << 5)) | immlo << 29 | immhi << 5;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static int FieldBits(Arm64BranchKind kind) => kind switch
    {
        Arm64BranchKind.Imm26 => 26,
        Arm64BranchKind.Imm19 => 19,
        Arm64BranchKind.Imm14 => 14,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
