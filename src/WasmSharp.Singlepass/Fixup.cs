namespace WasmSharp.Singlepass;

/// <summary>How a displacement to a label is stored in the code.</summary>
public enum FixupKind : byte
{
    /// <summary>Signed 8-bit displacement (x86 short branches).</summary>
    Rel8,
    /// <summary>Signed 32-bit little-endian displacement (x86 near branches, RIP-relative, jump tables).</summary>
    Rel32,
}

/// <summary>
/// A pending reference to an unbound label: when the label is bound at <c>target</c>,
/// the field at <see cref="PatchOffset"/> receives <c>target - BaseOffset</c>.
/// The base is explicit because it is not always the end of the field (RIP-relative operands
/// followed by an immediate, jump-table entries relative to the table start).
/// </summary>
internal struct Fixup
{
    public int PatchOffset;
    public int BaseOffset;
    public FixupKind Kind;
    /// <summary>Index of the next fix-up of the same label, or -1: an intrusive list, so no per-label allocation.</summary>
    public int Next;

    /// <summary>Writes the displacement from <paramref name="baseOffset"/> to <paramref name="target"/>.</summary>
    public static void Apply(CodeBuffer buffer, FixupKind kind, int patchOffset, int baseOffset, int target)
    {
        long displacement = (long)target - baseOffset;
        switch (kind)
        {
            case FixupKind.Rel8:
                if (displacement is < sbyte.MinValue or > sbyte.MaxValue)
                    throw new InvalidOperationException($"short branch displacement {displacement} does not fit in 8 bits");
                buffer.Patch8(patchOffset, (byte)(sbyte)displacement);
                break;
            case FixupKind.Rel32:
                buffer.Patch32(patchOffset, (uint)(int)displacement);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
