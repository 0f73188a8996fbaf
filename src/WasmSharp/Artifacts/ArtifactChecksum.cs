using System.IO.Hashing;

namespace WasmSharp.Artifacts;

/// <summary>
/// An artifact's checksum: the checked bytes cut into <see cref="ChunkSize"/> chunks (the last one shorter), each
/// hashed with XXH128, then XXH128 of those hashes in order. Damage anywhere changes its chunk's hash and so the
/// checksum, as a single XXH128 would. Chunks hash independently, so a loader may check them on several cores: hashing
/// on a second thread was measured and did not pay on two shared cores (the helper's start and the machine's other
/// work ate the gain), so they are hashed in order here; the format leaves the choice open without a new version.
/// </summary>
internal static class ArtifactChecksum
{
    /// <summary>The chunk size: small enough to share work evenly among threads, large enough that the per-chunk
    /// cost (one hash finalization) is nothing next to hashing it.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Writes the checksum of <paramref name="bytes"/> (16 bytes) to <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        int chunks = Math.Max(1, (bytes.Length + ChunkSize - 1) / ChunkSize);
        var hashes = new byte[chunks * ArtifactFormat.HashSize]; // 16 bytes per MiB
        for (int i = 0; i < chunks; i++)
        {
            int from = i * ChunkSize;
            XxHash128.Hash(bytes.Slice(from, Math.Min(ChunkSize, bytes.Length - from)), hashes.AsSpan(i * ArtifactFormat.HashSize, ArtifactFormat.HashSize));
        }
        XxHash128.Hash(hashes, destination);
    }
}
