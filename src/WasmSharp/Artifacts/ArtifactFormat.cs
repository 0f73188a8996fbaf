using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WasmSharp.Artifacts;

/// <summary>
/// The artifact file layout (little-endian):
/// <code>
/// "WSMARTIF"  u32 format version  u64 body length
/// body: string WasmSharp version, string compiler, string target, string settings,
///       32-byte SHA-256 of the module, u32 length + module bytes, u32 length + code payload
/// 32-byte SHA-256 of everything before it
/// </code>
/// The checksum is verified before anything in the body is believed, so a truncated or damaged file is reported as
/// such and never mapped as code.
/// </summary>
public static class ArtifactFormat
{
    /// <summary>The format version this build writes and reads; other versions are refused.</summary>
    public const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "WSMARTIF"u8;
    private const int PrefixSize = 8 + 4 + 8;
    private const int HashSize = 32;

    /// <summary>Whether <paramref name="bytes"/> start like an artifact (as opposed to a Wasm module).</summary>
    public static bool LooksLikeArtifact(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    /// <summary>An artifact: the prefix (magic, version, length), the header, the module bytes and the compiler's
    /// payload, then the checksum over all of it.</summary>
    public static byte[] Write(ArtifactHeader header, ReadOnlySpan<byte> module, ReadOnlySpan<byte> payload)
    {
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(header.WasmSharpVersion);
            w.Write(header.Target.Compiler);
            w.Write(header.Target.Target);
            w.Write(header.Target.Settings);
            w.Write(header.ModuleHash);
            w.Write(module.Length);
            w.Write(module);
            w.Write(payload.Length);
            w.Write(payload);
        }
        var bytes = new byte[PrefixSize + body.Length + HashSize];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), header.FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), body.Length);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(bytes.AsSpan(PrefixSize));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize), bytes.AsSpan(bytes.Length - HashSize));
        return bytes;
    }

    /// <summary>Checks magic, format version, length and checksum, then splits the artifact into its parts.</summary>
    /// <exception cref="ArtifactException">Any check fails; the message says which.</exception>
    public static ArtifactContents Read(ReadOnlyMemory<byte> artifact)
    {
        var bytes = artifact.Span;
        if (bytes.Length < Magic.Length || !bytes.StartsWith(Magic))
            throw new ArtifactException("not a WasmSharp artifact (wrong magic)");
        if (bytes.Length < PrefixSize + HashSize) throw new ArtifactException("artifact is truncated");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version != Version)
            throw new ArtifactException($"artifact format version {version} is not supported (this WasmSharp reads version {Version})");
        long bodyLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        long expected = (long)PrefixSize + bodyLength + HashSize;
        if (bodyLength < 0 || expected > bytes.Length) throw new ArtifactException("artifact is truncated");
        if (expected < bytes.Length) throw new ArtifactException("artifact has trailing bytes after its checksum");
        Span<byte> hash = stackalloc byte[HashSize];
        SHA256.HashData(bytes[..^HashSize], hash);
        if (!hash.SequenceEqual(bytes[^HashSize..])) throw new ArtifactException("artifact is corrupted (checksum mismatch)");
        return ParseBody(artifact.Slice(PrefixSize, (int)bodyLength), version);
    }

    private static ArtifactContents ParseBody(ReadOnlyMemory<byte> body, int version)
    {
        var r = new SpanCursor(body);
        string wasmSharp = r.String(), compiler = r.String(), target = r.String(), settings = r.String();
        byte[] moduleHash = r.Bytes(HashSize).ToArray();
        var module = r.Bytes(r.Int32());
        var payload = r.Bytes(r.Int32());
        if (!r.AtEnd) throw new ArtifactException("artifact body has unexpected trailing bytes");
        var header = new ArtifactHeader(version, wasmSharp, new ArtifactTarget(compiler, target, settings), moduleHash);
        return new ArtifactContents(header, module, payload);
    }

    /// <summary>The module hash recorded in headers: SHA-256 of its bytes.</summary>
    public static byte[] HashModule(ReadOnlySpan<byte> module) => SHA256.HashData(module);
}

/// <summary>The parts of a checked artifact: slices of its bytes, nothing copied.</summary>
public sealed record ArtifactContents(ArtifactHeader Header, ReadOnlyMemory<byte> Module, ReadOnlyMemory<byte> Payload);
