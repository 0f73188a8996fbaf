namespace WasmSharp.Text;

/// <summary>
/// A v128 lane interpretation: <c>i8x16</c> ... <c>f64x2</c>. <see cref="LaneType"/> is how the script model names it
/// (i8 and i16 lanes are <see cref="ValType.I32"/>; the lane count tells the width).
/// </summary>
internal readonly record struct V128Shape(int LaneBits, bool IsFloat)
{
    public int LaneCount => 128 / LaneBits;

    public ValType LaneType => (LaneBits, IsFloat) switch
    {
        (32, true) => ValType.F32,
        (64, true) => ValType.F64,
        (64, false) => ValType.I64,
        _ => ValType.I32,
    };

    public static bool TryParse(ReadOnlySpan<char> s, out V128Shape shape)
    {
        shape = s switch
        {
            "i8x16" => new(8, false),
            "i16x8" => new(16, false),
            "i32x4" => new(32, false),
            "i64x2" => new(64, false),
            "f32x4" => new(32, true),
            "f64x2" => new(64, true),
            _ => default,
        };
        return shape.LaneBits != 0;
    }

    /// <summary>One lane literal to its bits: an integer of the lane width, or a float.</summary>
    public bool TryParseLane(ReadOnlySpan<char> s, out ulong bits)
    {
        if (!IsFloat) return IntegerLiteral.TryParseInt(s, LaneBits, out bits);
        if (LaneBits == 64) return FloatLiteral.TryParseF64(s, out bits);
        bool ok = FloatLiteral.TryParseF32(s, out uint b);
        bits = b;
        return ok;
    }

    /// <summary>Places lane <paramref name="lane"/> into a little-endian 128-bit value.</summary>
    public void Store(ref UInt128 value, int lane, ulong bits)
    {
        ulong mask = LaneBits == 64 ? ulong.MaxValue : (1UL << LaneBits) - 1;
        value |= (UInt128)(bits & mask) << (lane * LaneBits);
    }
}
