using System.IO.Hashing;
using WasmSharp.Artifacts;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The artifact checksum: XXH128 of the 1 MiB chunks' XXH128s, changed by damage in any chunk.</summary>
public class ArtifactChecksumTests
{
    /// <summary>The definition, computed here independently: chunk hashes in order, then their hash.</summary>
    private static byte[] Expected(byte[] bytes)
    {
        var hashes = new List<byte>();
        int at = 0;
        do
        {
            int n = Math.Min(ArtifactChecksum.ChunkSize, bytes.Length - at);
            hashes.AddRange(XxHash128.Hash(bytes.AsSpan(at, n)));
            at += n;
        } while (at < bytes.Length);
        return XxHash128.Hash(hashes.ToArray());
    }

    private static byte[] Checksum(byte[] bytes)
    {
        var hash = new byte[16];
        ArtifactChecksum.Compute(bytes, hash);
        return hash;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(ArtifactChecksum.ChunkSize)]
    [InlineData(ArtifactChecksum.ChunkSize + 1)]
    [InlineData(9 * ArtifactChecksum.ChunkSize + 17)]
    public void IsTheHashOfTheChunksHashes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        Assert.Equal(Expected(bytes), Checksum(bytes));
        if (length == 0) return;
        // damage in the first and in the last chunk is caught
        var first = Checksum(bytes);
        bytes[0] ^= 1;
        Assert.NotEqual(first, Checksum(bytes));
        bytes[0] ^= 1;
        bytes[^1] ^= 0x80;
        Assert.NotEqual(first, Checksum(bytes));
    }
}
