using System.Numerics;

namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// The "bitmask immediate" of and/orr/eor/ands (and the mov alias of orr): a 2, 4, 8, 16, 32 or 64-bit element,
/// replicated across the register, holding one rotated run of ones. 0 and all-ones are never encodable.
/// </summary>
internal static class LogicalImmediate
{
    /// <summary>
    /// Encodes <paramref name="value"/> as the <c>N:immr:imms</c> field (bits 22..10). For <see cref="RegWidth.W"/>
    /// only the low 32 bits count and the upper ones must be zero. False when the value has no such form.
    /// </summary>
    public static bool TryEncode(ulong value, RegWidth width, out uint field)
    {
        field = 0;
        if (width == RegWidth.W)
        {
            if (value > uint.MaxValue)
                return false;
            // a 32-bit pattern is a 64-bit one whose element size is at most 32
            value |= value << 32;
        }
        if (value == 0 || value == ulong.MaxValue)
            return false;

        int size = ElementSize(value);
        ulong mask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        ulong element = value & mask;
        // bits where a run of ones starts: set here, clear in the (cyclically) previous bit
        ulong rotatedLeft = ((element << 1) | (element >> (size - 1))) & mask;
        ulong runStarts = element & ~rotatedLeft;
        if (BitOperations.PopCount(runStarts) != 1)
            return false;

        int start = BitOperations.TrailingZeroCount(runStarts);
        int ones = BitOperations.PopCount(element);
        uint n = size == 64 ? 1u : 0u;
        // imms holds the element size as a prefix of ones (0, 10, 110, ... for 32, 16, 8, ...) then ones - 1
        uint imms = (uint)(~(size * 2 - 1) & 0x3F) | (uint)(ones - 1);
        uint immr = (uint)((size - start) % size);
        field = n << 22 | immr << 16 | imms << 10;
        return true;
    }

    public static bool IsEncodable(ulong value, RegWidth width) => TryEncode(value, width, out _);

    /// <summary>The smallest power-of-two period (2..64) with which <paramref name="value"/> repeats.</summary>
    private static int ElementSize(ulong value)
    {
        int size = 64;
        while (size > 2)
        {
            int half = size / 2;
            ulong mask = (1UL << half) - 1;
            if ((value & mask) != ((value >> half) & mask))
                break;
            size = half;
        }
        return size;
    }
}
