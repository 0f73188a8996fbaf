using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WasmSharp.Cli;

/// <summary>What identifies a file's contents without reading them: device, inode, size, mtime and ctime (ns).</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, ulong Size, long ModifiedNs, long ChangedNs)
{
    public const int Bytes = 5 * 8;

    /// <summary>Whether both times lie before <paramref name="time"/>.</summary>
    public bool OlderThan(DateTime time)
    {
        long ns = (time - DateTime.UnixEpoch).Ticks * 100;
        return ModifiedNs < ns && ChangedNs < ns;
    }

    public void Write(Span<byte> to)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(to, Device);
        BinaryPrimitives.WriteUInt64LittleEndian(to[8..], Inode);
        BinaryPrimitives.WriteUInt64LittleEndian(to[16..], Size);
        BinaryPrimitives.WriteInt64LittleEndian(to[24..], ModifiedNs);
        BinaryPrimitives.WriteInt64LittleEndian(to[32..], ChangedNs);
    }

    public static FileIdentity Read(ReadOnlySpan<byte> from) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(from), BinaryPrimitives.ReadUInt64LittleEndian(from[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(from[16..]), BinaryPrimitives.ReadInt64LittleEndian(from[24..]),
        BinaryPrimitives.ReadInt64LittleEndian(from[32..]));

    /// <summary>The file's identity (Linux: statx); false elsewhere or when it cannot be had.</summary>
    public static bool TryGet(string path, out FileIdentity identity)
    {
        identity = default;
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            const uint Wanted = StatxSize | StatxIno | StatxMtime | StatxCtime;
            if (Statx(AtFdCwd, path, 0, Wanted, out var s) != 0 || (s.Mask & Wanted) != Wanted) return false;
            identity = new FileIdentity(((ulong)s.DevMajor << 32) | s.DevMinor, s.Ino, s.Size,
                s.Mtime.Seconds * 1_000_000_000 + s.Mtime.Nanoseconds, s.Ctime.Seconds * 1_000_000_000 + s.Ctime.Nanoseconds);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100, StatxSize = 0x200, StatxMtime = 0x40, StatxCtime = 0x80;

    [StructLayout(LayoutKind.Sequential)]
    private struct StatxTimestamp
    {
        public long Seconds;
        public uint Nanoseconds;
        public int Reserved;
    }

    /// <summary>struct statx: one layout on every Linux architecture (256 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask, BlockSize;
        public ulong Attributes;
        public uint Links, Uid, Gid;
        public ushort Mode, Spare0;
        public ulong Ino, Size, Blocks, AttributesMask;
        public StatxTimestamp Atime, Btime, Ctime, Mtime;
        public uint RdevMajor, RdevMinor, DevMajor, DevMinor;
    }

    // DllImport: the source-generated LibraryImport would need unsafe code for the out struct
    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out StatxBuffer buffer);
}
