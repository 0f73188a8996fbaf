namespace WasmSharp.Singlepass.Arm64;

/// <summary>The immediate of add/sub/cmp: 12 bits, optionally shifted left by 12.</summary>
internal static class AddSubImmediate
{
    /// <summary>
    /// Encodes <paramref name="value"/> as the <c>sh:imm12</c> field (bits 22..10), preferring the unshifted form.
    /// False when it is neither 0..4095 nor a multiple of 4096 up to 4095 &lt;&lt; 12: the caller then negates
    /// (add ↔ sub) or materialises the constant in a register.
    /// </summary>
    public static bool TryEncode(ulong value, out uint field)
    {
        if (value < 0x1000)
        {
            field = (uint)value << 10;
            return true;
        }
        if ((value & 0xFFF) == 0 && value < 0x100_0000)
        {
            field = 1u << 22 | (uint)(value >> 12) << 10;
            return true;
        }
        field = 0;
        return false;
    }

    public static bool IsEncodable(ulong value) => TryEncode(value, out _);
}
