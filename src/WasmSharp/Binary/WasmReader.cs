using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace WasmSharp.Binary;

/// <summary>
/// Reads the primitive encodings of the binary format (bytes, LEB128 integers, floats, names) from a span.
/// One reader serves the section decoder and the operator reader; it never allocates except for names.
/// Positions are absolute module offsets so that errors can name them.
/// </summary>
public ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _base;
    private int _pos;
    private readonly string _endMessage;

    /// <param name="bytes">The bytes to read.</param>
    /// <param name="baseOffset">Module offset of <paramref name="bytes"/>[0].</param>
    /// <param name="endMessage">What running off the end is called here ("unexpected end", or
    /// "unexpected end of section or function" inside a section).</param>
    public WasmReader(ReadOnlySpan<byte> bytes, int baseOffset = 0, string endMessage = "unexpected end")
    {
        _bytes = bytes;
        _base = baseOffset;
        _pos = 0;
        _endMessage = endMessage;
    }

    /// <summary>Absolute module offset of the next byte.</summary>
    public readonly int Offset => _base + _pos;
    /// <summary>Position within the span.</summary>
    public readonly int Position => _pos;
    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _bytes.Length - _pos;
    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _pos >= _bytes.Length;
    /// <summary>The bytes being read.</summary>
    public readonly ReadOnlySpan<byte> Span => _bytes;

    /// <summary>A malformed-module error at the current offset.</summary>
    public readonly MalformedModuleException Malformed(string reason) => new(reason, Offset);
    /// <summary>A malformed-module error at <paramref name="offset"/>.</summary>
    public readonly MalformedModuleException Malformed(string reason, int offset) => new(reason, offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly MalformedModuleException End() => new(_endMessage, Offset);

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)_pos >= (uint)_bytes.Length) throw End();
        return _bytes[_pos++];
    }

    /// <summary>The next byte, not consumed.</summary>
    public readonly byte PeekByte()
    {
        if ((uint)_pos >= (uint)_bytes.Length) throw End();
        return _bytes[_pos];
    }

    /// <summary>Reads <paramref name="count"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw End();
        var s = _bytes.Slice(_pos, count);
        _pos += count;
        return s;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        if (count < 0 || count > Remaining) throw End();
        _pos += count;
    }

    /// <summary>Reads a little-endian 32-bit word.</summary>
    public uint ReadFixedU32()
    {
        var b = ReadBytes(4);
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    /// <summary>Reads a little-endian 64-bit word.</summary>
    public ulong ReadFixedU64()
    {
        var b = ReadBytes(8);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    /// <summary>u32 LEB128: at most 5 bytes; unused bits of the last byte must be zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadU32()
    {
        if ((uint)_pos < (uint)_bytes.Length)
        {
            byte b = _bytes[_pos];
            if (b < 0x80) { _pos++; return b; }
        }
        return ReadU32Slow();
    }

    private uint ReadU32Slow()
    {
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                if ((b & 0x70) != 0) throw Malformed("integer too large");
                return result | ((uint)b << 28);
            }
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>s32 LEB128: at most 5 bytes; the last byte's unused bits must extend the sign.</summary>
    public int ReadS32()
    {
        int result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                // bits 3..6 hold bit 31 and its sign extension: all equal
                int high = b & 0x78;
                if (high != 0 && high != 0x78) throw Malformed("integer too large");
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0 && shift < 25) result |= -1 << (shift + 7);
                return result;
            }
        }
    }

    /// <summary>s33 LEB128 (block type indices): at most 5 bytes.</summary>
    public long ReadS33()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                int high = b & 0x70;
                if (high != 0 && high != 0x70) throw Malformed("integer too large");
                result |= (long)(b & 0x7F) << 28;
                if ((b & 0x10) != 0) result |= -1L << 33;
                return result;
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    /// <summary>s64 LEB128: at most 10 bytes; the last byte's unused bits must extend the sign.</summary>
    public long ReadS64()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0) throw Malformed("integer representation too long");
                if (b != 0 && b != 0x7F) throw Malformed("integer too large");
                return result | ((long)b << 63);
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0 && shift < 57) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    /// <summary>A vector length; a count that cannot fit in the remaining bytes is rejected before any allocation.</summary>
    public int ReadCount(int minBytesPerItem = 1)
    {
        int at = Offset;
        uint n = ReadU32();
        if (minBytesPerItem > 0 && n > (uint)Remaining / (uint)minBytesPerItem)
            throw Malformed(_endMessage == "unexpected end" ? "length out of bounds" : _endMessage, at);
        return (int)n;
    }

    /// <summary>A name: a length-prefixed UTF-8 string that must be well-formed.</summary>
    public string ReadName()
    {
        int len = ReadLength();
        var bytes = ReadBytes(len);
        if (!Utf8.IsValid(bytes)) throw Malformed("malformed UTF-8 encoding");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A byte length that must fit in what is left.</summary>
    public int ReadLength()
    {
        uint n = ReadU32();
        if (n > (uint)Remaining) throw End();
        return (int)n;
    }
}
