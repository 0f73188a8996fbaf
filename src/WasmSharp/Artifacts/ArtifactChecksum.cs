using System.Buffers;
using System.IO.Hashing;

namespace WasmSharp.Artifacts;

/// <summary>
/// An artifact's checksum: the checked bytes cut into <see cref="ChunkSize"/> chunks (the last one shorter), each
/// hashed with XXH128, then XXH128 of those hashes in order. Chunks hash independently, so a large artifact is
/// checked on two cores: a warm start of a module with tens of MB of code spends most of its load checksumming
/// (memory-bound, one core reads ~25 GB/s), and the chunks halve that wall time for about the same CPU time.
/// Damage anywhere changes its chunk's hash and so the checksum, as a single XXH128 would.
/// </summary>
internal static class ArtifactChecksum
{
    /// <summary>The chunk size: small enough to share the work evenly, large enough that the per-chunk cost (one
    /// hash finalization, a claim) is nothing next to hashing it.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Bytes from which a second thread helps: below this, starting a thread costs more than it saves.</summary>
    public const int ParallelThreshold = 8 << 20;

    /// <summary>Writes the checksum of <paramref name="bytes"/> (16 bytes) to <paramref name="destination"/>.</summary>
    public static unsafe void Compute(ReadOnlyMemory<byte> bytes, Span<byte> destination)
    {
        int chunks = Math.Max(1, (bytes.Length + ChunkSize - 1) / ChunkSize);
        var hashes = new byte[chunks * ArtifactFormat.HashSize];
        using (MemoryHandle pin = bytes.Pin())
        {
            var work = new Chunks((byte*)pin.Pointer, bytes.Length, chunks, hashes);
            if (bytes.Length >= ParallelThreshold && Environment.ProcessorCount > 1) work.StartHelper();
            work.Run();
            work.WaitForClaimed();
        }
        XxHash128.Hash(hashes, destination);
    }

    /// <summary>The chunks to hash, claimed one at a time by the calling thread and at most one helper. The caller
    /// waits only for chunks a helper claimed: a helper that starts late (a busy machine) finds none left and
    /// touches nothing, so the caller never waits for a thread to be scheduled.</summary>
    private sealed unsafe class Chunks(byte* start, int length, int count, byte[] hashes)
    {
        private int _next = -1;
        private int _done;

        public void StartHelper() =>
            new Thread(Run, maxStackSize: 64 * 1024) { IsBackground = true, Name = "artifact checksum" }.UnsafeStart();

        public void Run()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < count)
            {
                int from = i * ChunkSize;
                XxHash128.Hash(new ReadOnlySpan<byte>(start + from, Math.Min(ChunkSize, length - from)),
                    hashes.AsSpan(i * ArtifactFormat.HashSize, ArtifactFormat.HashSize));
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Returns once every chunk is hashed (the last ones may be a helper's, finishing).</summary>
        public void WaitForClaimed()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < count) spin.SpinOnce();
        }
    }
}
