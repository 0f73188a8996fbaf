using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WasmSharp.Singlepass;

/// <summary>
/// A growable byte buffer that machine code is written into. One buffer is reused across
/// functions (<see cref="Reset"/>) so steady-state compilation does not allocate.
/// All multi-byte values are little-endian, as on every ISA we target.
/// </summary>
internal sealed class CodeBuffer
{
    private byte[] _bytes;
    private int _position;

    public CodeBuffer(int initialCapacity = 4096)
    {
        _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(initialCapacity, 64));
    }

    /// <summary>Offset at which the next byte will be written.</summary>
    public int Position => _position;

    public int Capacity => _bytes.Length;

    /// <summary>The bytes written so far. Invalidated by the next write that grows the buffer.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _position);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets the contents but keeps the storage.</summary>
    public void Reset() => _position = 0;

    /// <summary>Makes sure <paramref name="count"/> more bytes fit without growing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureSpace(int count)
    {
        if (_bytes.Length - _position < count)
            Grow(count);
    }

    /// <summary>Makes room for <paramref name="capacity"/> bytes in all, at once: a module's compiler reserves what its
    /// code section will likely need, instead of a dozen doublings that copy everything written so far.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _bytes.Length)
            Resize(capacity);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count) => Resize(Math.Max(_bytes.Length * 2, _position + count));

    /// <summary>New storage, not zeroed: no byte past <see cref="Position"/> is ever read (patches are checked), and
    /// zeroing tens of MB per large module costs as much as a few percent of its compile time.</summary>
    private void Resize(int size)
    {
        var bigger = GC.AllocateUninitializedArray<byte>(size);
        _bytes.AsSpan(0, _position).CopyTo(bigger);
        _bytes = bigger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit8(byte value)
    {
        if (_position >= _bytes.Length)
            Grow(1);
        _bytes[_position++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit16(ushort value)
    {
        EnsureSpace(2);
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(_position), value);
        _position += 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit32(uint value)
    {
        EnsureSpace(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(_position), value);
        _position += 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit64(ulong value)
    {
        EnsureSpace(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>Starts an instruction of at most <paramref name="maxLength"/> bytes: one capacity check, then its bytes
    /// go through the returned writer without a check each, and <see cref="Commit"/> makes them part of the code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstructionWriter Begin(int maxLength)
    {
        EnsureSpace(maxLength);
        return new InstructionWriter(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _position), maxLength);
    }

    /// <summary>Appends the bytes written through <paramref name="writer"/> (from the last <see cref="Begin"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Commit(in InstructionWriter writer)
    {
        Debug.Assert(writer.Length <= writer.Capacity, "an instruction overran the space it reserved");
        _position += writer.Length;
    }

    public void EmitBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureSpace(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_position));
        _position += bytes.Length;
    }

    public byte Read8(int offset) => _bytes[CheckOffset(offset, 1)];

    public int Read32(int offset) => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(CheckOffset(offset, 4)));

    public void Patch8(int offset, byte value) => _bytes[CheckOffset(offset, 1)] = value;

    public void Patch32(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(CheckOffset(offset, 4)), value);

    public void Patch64(int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan(CheckOffset(offset, 8)), value);

    /// <summary>Patches may only touch bytes already written, never the free tail.</summary>
    private int CheckOffset(int offset, int size)
    {
        if ((uint)offset > (uint)(_position - size))
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "patch outside the written code");
        return offset;
    }
}

/// <summary>Writes one instruction's bytes into space a <see cref="CodeBuffer"/> reserved for it (<see
/// cref="CodeBuffer.Begin"/>): the encoders' hot path pays one capacity check per instruction, not one per byte.</summary>
internal ref struct InstructionWriter
{
    private readonly ref byte _start;
    private int _length;

    public InstructionWriter(ref byte start, int capacity)
    {
        _start = ref start;
        Capacity = capacity;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>Bytes reserved: never exceeded by a correct encoder (checked in debug builds).</summary>
    public int Capacity { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(int value) => Unsafe.Add(ref _start, _length++) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put32(uint value)
    {
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref _start, _length), value);
        _length += 4;
    }
}
