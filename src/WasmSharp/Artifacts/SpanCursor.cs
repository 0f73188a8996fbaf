using System.Buffers.Binary;
using System.Text;

namespace WasmSharp.Artifacts;

/// <summary>Reads an artifact body written by <see cref="BinaryWriter"/>; running past the end is an
/// <see cref="ArtifactException"/>, never an out-of-range read.</summary>
internal struct SpanCursor(ReadOnlyMemory<byte> bytes)
{
    private int _position;

    public readonly bool AtEnd => _position == bytes.Length;

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    public ReadOnlyMemory<byte> Bytes(int count)
    {
        if (count < 0 || count > bytes.Length - _position) throw new ArtifactException("artifact body is malformed (length out of range)");
        var slice = bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4).Span);

    /// <summary>A string as BinaryWriter writes it: a 7-bit encoded length, then UTF-8.</summary>
    public string String()
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28) throw new ArtifactException("artifact body is malformed (bad string length)");
            byte b = Bytes(1).Span[0];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        return Encoding.UTF8.GetString(Bytes(length).Span);
    }
}
