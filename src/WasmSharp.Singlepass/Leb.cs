namespace WasmSharp.Singlepass;

/// <summary>LEB128 for the <see cref="OffsetMap"/>'s deltas (32-bit values, at most five bytes each). Reading checks
/// bounds, so a truncated map is an error rather than a read past its end.</summary>
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

    public static uint ReadUnsigned(byte[] buffer, ref int pos)
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Next(buffer, ref pos);
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new Artifacts.ArtifactException("offset map entry is too long");
    }

    public static int ReadSigned(byte[] buffer, ref int pos)
    {
        int result = 0, shift = 0;
        byte b;
        do
        {
            if (shift >= 35) throw new Artifacts.ArtifactException("offset map entry is too long");
            b = Next(buffer, ref pos);
            result |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 32 && (b & 0x40) != 0) result |= -1 << shift;
        return result;
    }

    private static byte Next(byte[] buffer, ref int pos) =>
        pos < buffer.Length ? buffer[pos++] : throw new Artifacts.ArtifactException("offset map is truncated");
}
