namespace WasmSharp.Singlepass;

/// <summary>LEB128 for the <see cref="OffsetMap"/>'s deltas (32-bit values, at most five bytes each). Reading checks
/// bounds, so a truncated map is a failed read rather than a read past its end.</summary>
internal static class Leb
{
    public static int WriteUnsigned(byte[] buffer, int pos, uint value)
    {
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        return pos;
    }

    public static int WriteSigned(byte[] buffer, int pos, int value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            buffer[pos++] = done ? b : (byte)(b | 0x80);
            if (done) return pos;
        }
    }

    /// <summary>Reads an unsigned value from <paramref name="bytes"/> at <paramref name="pos"/>; false when it is
    /// truncated or longer than five bytes.</summary>
    public static bool TryReadUnsigned(ReadOnlySpan<byte> bytes, ref int pos, out uint value)
    {
        value = 0;
        for (int shift = 0; shift < 35 && pos < bytes.Length; shift += 7)
        {
            byte b = bytes[pos++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    /// <summary>Reads a signed value; false when it is truncated or longer than five bytes.</summary>
    public static bool TryReadSigned(ReadOnlySpan<byte> bytes, ref int pos, out int value)
    {
        value = 0;
        for (int shift = 0; shift < 35 && pos < bytes.Length; shift += 7)
        {
            byte b = bytes[pos++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) != 0) continue;
            if (shift + 7 < 32 && (b & 0x40) != 0) value |= -1 << (shift + 7);
            return true;
        }
        return false;
    }
}
