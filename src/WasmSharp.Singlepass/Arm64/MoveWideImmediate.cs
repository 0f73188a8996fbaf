namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// Chooses the shortest way to put an arbitrary constant in a register: one movz, one movn, one orr with a
/// bitmask immediate, or movz/movn followed by movk for each remaining 16-bit chunk.
/// </summary>
internal static class MoveWideImmediate
{
    /// <summary>How <see cref="Arm64Assembler.MovImm"/> materialises a constant.</summary>
    public enum Strategy : byte
    {
        /// <summary>movz for the first non-zero chunk, movk for the other non-zero ones.</summary>
        Movz,
        /// <summary>movn for the first chunk that is not 0xFFFF, movk for the others that are not.</summary>
        Movn,
        /// <summary>A single <c>orr rd, zr, #bitmask</c>.</summary>
        Orr,
    }

    /// <summary>The strategy and the number of instructions it takes (1 to 4).</summary>
    public static int Plan(RegWidth width, ulong value, out Strategy strategy)
    {
        int chunks = width == RegWidth.X ? 4 : 2;
        if (width == RegWidth.W)
            value &= uint.MaxValue;
        int zeros = 0, ones = 0;
        for (int i = 0; i < chunks; i++)
        {
            ulong chunk = (value >> (16 * i)) & 0xFFFF;
            if (chunk == 0) zeros++;
            else if (chunk == 0xFFFF) ones++;
        }
        int movz = Math.Max(1, chunks - zeros);
        int movn = Math.Max(1, chunks - ones);
        if (movz == 1 || movn == 1)
        {
            strategy = movz <= movn ? Strategy.Movz : Strategy.Movn;
            return 1;
        }
        if (LogicalImmediate.IsEncodable(value, width))
        {
            strategy = Strategy.Orr;
            return 1;
        }
        strategy = movz <= movn ? Strategy.Movz : Strategy.Movn;
        return Math.Min(movz, movn);
    }
}
