using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace WasmSharp.Cli;

/// <summary>
/// Remembers the hash of a module file by the file's identity, so a warm start need not read and hash all of a large
/// module (14 MB for esbuild.wasm) to find its cache entry. An index entry holds the file's path, device, inode, size,
/// modification time and status-change time (ctime), with the module hash, and is used only when all of them match.
/// <para>Why this is never stale: any write to a file, and any change of its times (<c>touch</c>, <c>utimes</c>),
/// sets its ctime to the current time, and no call sets a ctime back; replacing the file by another (rename, copy)
/// changes its inode or ctime. So a file with the recorded ctime has the recorded contents, provided the ctime was
/// not shared with a later write: timestamps are coarse (a clock tick), and a file written twice within one tick
/// keeps one ctime. An entry is therefore only recorded for a file whose ctime and mtime are at least
/// <see cref="MinimumAge"/> old when it is hashed and unchanged after hashing (as git treats "racily clean" index
/// entries): a later write then gets a later ctime. A clock set back by more than that could defeat it; a user who
/// fears that can run with <c>--disable-cache</c>. Linux only (statx); elsewhere every start hashes the module.</para>
/// <para>What the index decides: which cache entry is loaded. That entry is still checked in full (checksum,
/// versions, and the module hash in its header against the hash the index gave), so a damaged entry is never run. But
/// a stale index entry would hand over another module's hash, and that module's valid, checksummed artifact would be
/// loaded and run in place of the file's: the checks cannot catch it, because the artifact does match the hash it was
/// asked for. Only the ctime rule above (with its racily-clean wait) keeps an entry from going stale, so it is what
/// the index's correctness rests on.</para>
/// </summary>
internal sealed class ModuleHashIndex(string directory, TimeSpan minimumAge)
{
    /// <summary>How old a file's times must be before its hash is recorded.</summary>
    public static readonly TimeSpan DefaultMinimumAge = TimeSpan.FromSeconds(2);
    private static ReadOnlySpan<byte> Magic => "WSMHIDX1"u8;
    private const int HashSize = 16;

    /// <summary>How old a file's times must be before its hash is recorded.</summary>
    public TimeSpan MinimumAge { get; } = minimumAge;

    /// <summary>The module hash recorded for <paramref name="path"/>, when the file is still the one recorded.</summary>
    public byte[]? Find(string path)
    {
        if (!FileIdentity.TryGet(path, out var identity)) return null;
        try
        {
            var entry = File.ReadAllBytes(EntryPath(path));
            return Parse(entry, path, identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Hashes the module file (<paramref name="hash"/>) and records the result when the file's identity did
    /// not change while it was hashed and its times are old enough (see the class comment).</summary>
    public byte[] HashAndRecord(string path, Func<string, byte[]> hash)
    {
        bool known = FileIdentity.TryGet(path, out var before);
        var result = hash(path);
        if (known && FileIdentity.TryGet(path, out var after) && after == before && before.OlderThan(DateTime.UtcNow - MinimumAge))
        {
            try
            {
                Directory.CreateDirectory(directory);
                AtomicFile.Write(EntryPath(path), Format(path, before, result));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // nothing recorded: the next start hashes again
            }
        }
        return result;
    }

    private string EntryPath(string path) =>
        Path.Combine(directory, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(path))) + ".idx");

    /// <summary>magic, the identity (5 × 8 bytes), the module hash, the path (UTF-8), XXH128 of all of it.</summary>
    private static byte[] Format(string path, FileIdentity identity, byte[] moduleHash)
    {
        var name = Encoding.UTF8.GetBytes(path);
        var entry = new byte[Magic.Length + FileIdentity.Bytes + HashSize + name.Length + HashSize];
        Magic.CopyTo(entry);
        identity.Write(entry.AsSpan(Magic.Length));
        moduleHash.CopyTo(entry.AsSpan(Magic.Length + FileIdentity.Bytes));
        name.CopyTo(entry.AsSpan(Magic.Length + FileIdentity.Bytes + HashSize));
        XxHash128.Hash(entry.AsSpan(0, entry.Length - HashSize), entry.AsSpan(entry.Length - HashSize));
        return entry;
    }

    /// <summary>The entry's module hash when it is intact and records this path and identity; null otherwise.</summary>
    private static byte[]? Parse(byte[] entry, string path, FileIdentity identity)
    {
        int fixedSize = Magic.Length + FileIdentity.Bytes + HashSize + HashSize;
        if (entry.Length < fixedSize || !entry.AsSpan().StartsWith(Magic)) return null;
        Span<byte> check = stackalloc byte[HashSize];
        XxHash128.Hash(entry.AsSpan(0, entry.Length - HashSize), check);
        if (!check.SequenceEqual(entry.AsSpan(entry.Length - HashSize))) return null;
        if (FileIdentity.Read(entry.AsSpan(Magic.Length)) != identity) return null;
        var name = entry.AsSpan(Magic.Length + FileIdentity.Bytes + HashSize, entry.Length - fixedSize);
        if (!name.SequenceEqual(Encoding.UTF8.GetBytes(path))) return null;
        return entry.AsSpan(Magic.Length + FileIdentity.Bytes, HashSize).ToArray();
    }
}

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
