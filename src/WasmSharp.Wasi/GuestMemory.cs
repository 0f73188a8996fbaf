using System.Buffers.Binary;
using System.Text;

namespace WasmSharp.Wasi;

/// <summary>
/// The guest's linear memory as WASI sees it: 32-bit pointers, little-endian fields, UTF-8 strings. Any access
/// outside the memory fails the call with <see cref="Errno.Fault"/> instead of trapping the host.
/// </summary>
internal sealed class GuestMemory(Memory memory)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Memory Memory { get; } = memory;

    /// <summary>Linux's IOV_MAX: more buffers than this in one call is EINVAL, as for readv/writev.</summary>
    public const uint IovMax = 1024;

    public Span<byte> Span(uint ptr, ulong length)
    {
        CheckRange(ptr, length);
        if (length > int.MaxValue) throw new WasiErrnoException(Errno.Inval);
        return Memory.GetSpan(ptr, (int)length);
    }

    /// <summary>Fails with <see cref="Errno.Fault"/> unless [ptr, ptr + length) lies inside the memory.</summary>
    public void CheckRange(uint ptr, ulong length)
    {
        if (ptr + length > Memory.Length) throw new WasiErrnoException(Errno.Fault);
    }

    /// <summary>The host address of [ptr, ptr + length), for a system call that reads or writes guest memory
    /// directly. Valid until the memory grows, which cannot happen during a WASI call.</summary>
    public unsafe byte* Address(uint ptr, ulong length)
    {
        CheckRange(ptr, length);
        return (byte*)Memory.BasePointer + ptr;
    }

    public byte ReadU8(uint ptr) => Span(ptr, 1)[0];
    public ushort ReadU16(uint ptr) => BinaryPrimitives.ReadUInt16LittleEndian(Span(ptr, 2));
    public uint ReadU32(uint ptr) => BinaryPrimitives.ReadUInt32LittleEndian(Span(ptr, 4));
    public ulong ReadU64(uint ptr) => BinaryPrimitives.ReadUInt64LittleEndian(Span(ptr, 8));

    public void WriteU8(uint ptr, byte v) => Span(ptr, 1)[0] = v;
    public void WriteU16(uint ptr, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(Span(ptr, 2), v);
    public void WriteU32(uint ptr, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Span(ptr, 4), v);
    public void WriteU64(uint ptr, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Span(ptr, 8), v);

    /// <summary>A guest string (pointer and byte length), which must be valid UTF-8 (else <see cref="Errno.Ilseq"/>).</summary>
    public string ReadString(uint ptr, uint length)
    {
        try
        {
            return StrictUtf8.GetString(Span(ptr, length));
        }
        catch (DecoderFallbackException)
        {
            throw new WasiErrnoException(Errno.Ilseq);
        }
    }

    /// <summary>The buffers of an <c>iovec</c>/<c>ciovec</c> array: each entry is a u32 pointer and a u32 length.</summary>
    public (uint Ptr, uint Len)[] ReadIovecs(uint ptr, uint count)
    {
        if (count > IovMax) throw new WasiErrnoException(Errno.Inval);
        CheckRange(ptr, (ulong)count * 8);
        var result = new (uint, uint)[count];
        for (uint i = 0; i < count; i++)
        {
            uint buf = ReadU32(ptr + i * 8), len = ReadU32(ptr + i * 8 + 4);
            CheckRange(buf, len); // validate now, before anything has side effects
            result[i] = (buf, len);
        }
        return result;
    }

    /// <summary>Writes <paramref name="values"/> as NUL-terminated strings into <paramref name="buf"/> and their
    /// addresses into the pointer array at <paramref name="ptrs"/> (args_get, environ_get).</summary>
    public void WriteStringArray(IReadOnlyList<byte[]> values, uint ptrs, uint buf)
    {
        foreach (var v in values)
        {
            WriteU32(ptrs, buf);
            var dst = Span(buf, (uint)v.Length + 1);
            v.CopyTo(dst);
            dst[v.Length] = 0;
            ptrs += 4;
            buf += (uint)v.Length + 1;
        }
    }
}
