namespace WasmSharp.Singlepass.X64;

/// <summary>x86-64 fix-ups: rel8 and rel32 byte displacements; a veneer is a <c>jmp rel32</c>.</summary>
internal sealed class X64Fixups : IFixupPatcher
{
    public static readonly X64Fixups Instance = new();

    private X64Fixups() { }

    public int MaxForward(FixupKind kind) => kind switch
    {
        FixupKind.Rel8 => sbyte.MaxValue,
        FixupKind.Rel32 => int.MaxValue,
        _ => throw NotOurs(kind),
    };

    public bool TryPatch(CodeBuffer buffer, FixupKind kind, int patchOffset, int baseOffset, int target)
    {
        long displacement = (long)target - baseOffset;
        switch (kind)
        {
            case FixupKind.Rel8:
                if (displacement is < sbyte.MinValue or > sbyte.MaxValue) return false;
                buffer.Patch8(patchOffset, (byte)(sbyte)displacement);
                return true;
            case FixupKind.Rel32:
                if (displacement is < int.MinValue or > int.MaxValue) return false;
                buffer.Patch32(patchOffset, (uint)(int)displacement);
                return true;
            default:
                throw NotOurs(kind);
        }
    }

    public VeneerField WriteVeneer(CodeBuffer buffer)
    {
        buffer.Emit8(0xE9);
        int field = buffer.Position;
        buffer.Emit32(0);
        return new VeneerField(field, field + 4, FixupKind.Rel32);
    }

    private static ArgumentOutOfRangeException NotOurs(FixupKind kind) =>
        new(nameof(kind), kind, "not an x86-64 fix-up kind");
}
