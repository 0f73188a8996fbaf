using System.IO.Hashing;
using System.Text;

namespace WasmSharp.Cli;

/// <summary>
/// Remembers a 16-byte fact about a file by the file's identity, so a warm start need not read all of a large file
/// again: the hash of a module file (14 MB for esbuild.wasm), which finds its cache entry; and the checksum a cache
/// entry (43 MB for swc) was verified to have when it was last loaded in full. An index entry holds the file's path,
/// device, inode, size, modification time and status-change time (ctime), with the fact, and is used only when all
/// of them match; each kind of fact has its own magic, so one is never read as the other.
/// <para>Why this is never stale: any write to a file, and any change of its times (<c>touch</c>, <c>utimes</c>),
/// sets its ctime to the current time, and no call sets a ctime back; replacing the file by another (rename, copy)
/// changes its inode or ctime. So a file with the recorded ctime has the recorded contents, provided the ctime was
/// not shared with a later write: timestamps are coarse (a clock tick), and a file written twice within one tick
/// keeps one ctime. An entry is therefore only recorded for a file whose ctime and mtime are at least
/// <see cref="MinimumAge"/> old when it is read and unchanged after reading (as git treats "racily clean" index
/// entries): a later write then gets a later ctime. A clock set back by more than that could defeat it; a user who
/// fears that can run with <c>--disable-cache</c>. Linux only (statx); elsewhere every start reads the file.
/// What it cannot see is damage that bypasses the file system (a disk's bit rot): as git does, it trusts the file
/// system to return what was written.</para>
/// <para>What a module-hash entry decides: which cache entry is loaded. A stale one would hand over another module's
/// hash, and that module's valid artifact would be loaded and run in place of the file's (the artifact's checks
/// cannot catch it: it does match the hash it was asked for). A checksum entry lets the loader skip hashing an entry
/// it checked before (every other check still runs). Both rest on the ctime rule above.</para>
/// </summary>
internal sealed class FileIdentityIndex(string directory, TimeSpan minimumAge, string magic)
{
    /// <summary>How old a file's times must be before a fact about it is recorded.</summary>
    public static readonly TimeSpan DefaultMinimumAge = TimeSpan.FromSeconds(2);
    /// <summary>The magic of module-hash entries.</summary>
    public const string ModuleHashes = "WSMHIDX1";
    /// <summary>The magic of verified-checksum entries.</summary>
    public const string VerifiedChecksums = "WSMVCHK1";
    private readonly byte[] _magic = Encoding.ASCII.GetBytes(magic);
    private const int HashSize = 16;

    /// <summary>How old a file's times must be before a fact about it is recorded.</summary>
    public TimeSpan MinimumAge { get; } = minimumAge;

    /// <summary>The fact recorded for <paramref name="path"/>, when the file is still the one recorded.</summary>
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

    /// <summary>Reads the fact from the file (<paramref name="read"/>) and records it when the file's identity did
    /// not change meanwhile and its times are old enough (see the class comment).</summary>
    public byte[] ReadAndRecord(string path, Func<string, byte[]> read)
    {
        bool known = FileIdentity.TryGet(path, out var before);
        var result = read(path);
        if (known && FileIdentity.TryGet(path, out var after) && after == before && before.OlderThan(DateTime.UtcNow - MinimumAge))
            TryWrite(path, before, result);
        return result;
    }

    /// <summary>Records a fact about a file this process has just written whole and renamed into place
    /// (<see cref="AtomicFile"/>), without the age rule: nothing else wrote that inode in the tick of its last
    /// change (every writer of the cache renames a private file of its own; nothing rewrites an entry in place). A
    /// checksum recorded for the wrong file (another writer's rename got in between) is harmless: the loader skips
    /// hashing only when the file ends with that very checksum.</summary>
    public void RecordWritten(string path, ReadOnlySpan<byte> fact)
    {
        if (!FileIdentity.TryGet(path, out var identity)) return;
        TryWrite(path, identity, fact.ToArray());
    }

    /// <summary>Drops what is recorded for <paramref name="path"/> (the file is being deleted).</summary>
    public void Forget(string path)
    {
        try { File.Delete(EntryPath(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private void TryWrite(string path, FileIdentity identity, byte[] fact)
    {
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.Write(EntryPath(path), Format(path, identity, fact));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing recorded: the next start reads the file again
        }
    }

    private string EntryPath(string path) =>
        Path.Combine(directory, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(path))) + ".idx");

    /// <summary>magic, the identity (5 × 8 bytes), the fact (16 bytes), the path (UTF-8), XXH128 of all of it.</summary>
    private byte[] Format(string path, FileIdentity identity, byte[] fact)
    {
        var name = Encoding.UTF8.GetBytes(path);
        var entry = new byte[_magic.Length + FileIdentity.Bytes + HashSize + name.Length + HashSize];
        _magic.CopyTo(entry);
        identity.Write(entry.AsSpan(_magic.Length));
        fact.CopyTo(entry.AsSpan(_magic.Length + FileIdentity.Bytes));
        name.CopyTo(entry.AsSpan(_magic.Length + FileIdentity.Bytes + HashSize));
        XxHash128.Hash(entry.AsSpan(0, entry.Length - HashSize), entry.AsSpan(entry.Length - HashSize));
        return entry;
    }

    /// <summary>The entry's fact when it is intact and records this path and identity; null otherwise.</summary>
    private byte[]? Parse(byte[] entry, string path, FileIdentity identity)
    {
        int fixedSize = _magic.Length + FileIdentity.Bytes + HashSize + HashSize;
        if (entry.Length < fixedSize || !entry.AsSpan().StartsWith(_magic)) return null;
        Span<byte> check = stackalloc byte[HashSize];
        XxHash128.Hash(entry.AsSpan(0, entry.Length - HashSize), check);
        if (!check.SequenceEqual(entry.AsSpan(entry.Length - HashSize))) return null;
        if (FileIdentity.Read(entry.AsSpan(_magic.Length)) != identity) return null;
        var name = entry.AsSpan(_magic.Length + FileIdentity.Bytes + HashSize, entry.Length - fixedSize);
        if (!name.SequenceEqual(Encoding.UTF8.GetBytes(path))) return null;
        return entry.AsSpan(_magic.Length + FileIdentity.Bytes, HashSize).ToArray();
    }
}
