namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// Integer loads and stores; the value is size (bits 31..30) and opc (bits 23..22), shared by every
/// addressing form. The access size in bytes is 1 &lt;&lt; size, which is also the scale of the unsigned offset.
/// </summary>
internal enum MemOp : uint
{
    Strb = 0u << 30 | 0u << 22,
    Ldrb = 0u << 30 | 1u << 22,
    /// <summary>Sign-extending byte load into an x register.</summary>
    LdrsbX = 0u << 30 | 2u << 22,
    /// <summary>Sign-extending byte load into a w register (upper half zeroed).</summary>
    LdrsbW = 0u << 30 | 3u << 22,
    Strh = 1u << 30 | 0u << 22,
    Ldrh = 1u << 30 | 1u << 22,
    LdrshX = 1u << 30 | 2u << 22,
    LdrshW = 1u << 30 | 3u << 22,
    StrW = 2u << 30 | 0u << 22,
    LdrW = 2u << 30 | 1u << 22,
    Ldrsw = 2u << 30 | 2u << 22,
    StrX = 3u << 30 | 0u << 22,
    LdrX = 3u << 30 | 1u << 22,
}

/// <summary>Floating-point/SIMD loads and stores; the value is size, V (bit 26) and opc as in <see cref="MemOp"/>.</summary>
internal enum FpMemOp : uint
{
    StrS = 2u << 30 | 1u << 26 | 0u << 22,
    LdrS = 2u << 30 | 1u << 26 | 1u << 22,
    StrD = 3u << 30 | 1u << 26 | 0u << 22,
    LdrD = 3u << 30 | 1u << 26 | 1u << 22,
    /// <summary>128-bit: size 00 with opc 1x.</summary>
    StrQ = 0u << 30 | 1u << 26 | 2u << 22,
    LdrQ = 0u << 30 | 1u << 26 | 3u << 22,
}

internal static class MemOpExtensions
{
    /// <summary>log2 of the access size in bytes: the scale of the unsigned 12-bit offset.</summary>
    public static int SizeLog2(this MemOp op) => (int)((uint)op >> 30);

    /// <summary>log2 of the access size in bytes (4 for q registers).</summary>
    public static int SizeLog2(this FpMemOp op) => ((uint)op >> 30) == 0 ? 4 : (int)((uint)op >> 30);

    /// <summary>Whether the operation writes its register (a load).</summary>
    public static bool IsLoad(this MemOp op) => ((uint)op & (3u << 22)) != 0;
}
