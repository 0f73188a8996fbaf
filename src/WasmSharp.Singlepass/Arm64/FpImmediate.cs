namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// The 8-bit immediate of <c>fmov s/d, #imm</c>: ±(16 + m)/16 × 2^e with m in 0..15 and e in -3..4
/// (0.125 to 31, and e.g. 0.5, 1.0, 2.0, 10.0). Zero is not encodable (use <c>fmov d, xzr</c>).
/// </summary>
internal static class FpImmediate
{
    /// <summary>Encodes a double whose value is exact in the imm8 form; the layout is a:NOT(b):bbbbbbbb:cd:efgh:0×48.</summary>
    public static bool TryEncode(double value, out uint imm8)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        imm8 = 0;
        if ((bits & 0xFFFF_FFFF_FFFF) != 0)
            return false;
        ulong exponentHead = (bits >> 54) & 0x1FF;
        if (exponentHead != 0x100 && exponentHead != 0x0FF)
            return false;
        imm8 = (uint)(bits >> 63) << 7 | (uint)(exponentHead & 1) << 6 | (uint)(bits >> 48) & 0x3F;
        return true;
    }

    /// <summary>Encodes a float: a:NOT(b):bbbbb:cd:efgh:0×19.</summary>
    public static bool TryEncode(float value, out uint imm8)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        imm8 = 0;
        if ((bits & 0x7FFFF) != 0)
            return false;
        uint exponentHead = (bits >> 25) & 0x3F;
        if (exponentHead != 0x20 && exponentHead != 0x1F)
            return false;
        imm8 = (bits >> 31) << 7 | (exponentHead & 1) << 6 | (bits >> 19) & 0x3F;
        return true;
    }
}
