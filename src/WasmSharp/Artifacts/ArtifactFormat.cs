using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace WasmSharp.Artifacts;

/// <summary>
/// The artifact file layout (little-endian):
/// <code>
/// "WSMARTIF"  u32 format version  u64 body length
/// body: string WasmSharp version, string compiler, string target, string settings,
///       16-byte XXH128 of the module, u32 length + module bytes, u32 length + data image (empty: none),
///       u32 length + code payload
/// 16-byte checksum of everything before it (<see cref="ArtifactChecksum"/>: XXH128 of 1 MiB chunks' XXH128s)
/// </code>
/// The checksum is verified before anything in the body is believed, so a truncated or damaged file is reported as
/// such and never mapped as code. XXH128 (not a cryptographic hash) because it catches damage as well and runs at
/// memory speed: a warm start of a module with tens of MB of code checksums it in about a millisecond.
/// It does not stop a forger, and is not meant to: loading an artifact means trusting it (see Module.DeserializeTrusted).
/// Version 1 used SHA-256; version 2's module kept its active data segments (version 3 moves them to a data
/// image, see <see cref="DataImage"/>, which version 4 stores beside the module rather than in it, so a load copies
/// the small module and reads the image in place; version 4 also checksums in chunks, which could be checked in
/// parallel).
/// </summary>
public static class ArtifactFormat
{
    /// <summary>The format version this build writes and reads; other versions are refused.</summary>
    public const int Version = 4;
    private static ReadOnlySpan<byte> Magic => "WSMARTIF"u8;
    private const int PrefixSize = 8 + 4 + 8;
    /// <summary>Bytes of a module hash and of the checksum (XXH128).</summary>
    public const int HashSize = 16;

    /// <summary>Whether <paramref name="bytes"/> start like an artifact (as opposed to a Wasm module).</summary>
    public static bool LooksLikeArtifact(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    /// <summary>An artifact: the prefix (magic, version, length), the header, the module bytes, the data image
    /// (<see cref="DataImage"/>; empty when the module has none) and the compiler's payload, then the checksum over
    /// all of it. <paramref name="payload"/> is given the offset its result will have in the artifact (see
    /// <see cref="Compilers.IArtifactCompiler.SerializeCode"/>).</summary>
    public static byte[] Write(ArtifactHeader header, ReadOnlySpan<byte> module, ReadOnlySpan<byte> dataImage, Func<long, byte[]> payload)
    {
        if (header.ModuleHash.Length != HashSize) throw new ArgumentException($"a module hash has {HashSize} bytes", nameof(header));
        var head = new MemoryStream();
        using (var w = new BinaryWriter(head, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(header.WasmSharpVersion);
            w.Write(header.Target.Compiler);
            w.Write(header.Target.Target);
            w.Write(header.Target.Settings);
            w.Write(header.ModuleHash);
        }
        var code = payload(PrefixSize + head.Length + 4 + module.Length + 4 + dataImage.Length + 4);
        long bodyLength = head.Length + 4 + module.Length + 4 + dataImage.Length + 4 + code.Length;
        // module and code are copied once, straight into the artifact
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)(PrefixSize + bodyLength + HashSize)));
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], header.FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], bodyLength);
        int at = PrefixSize;
        head.GetBuffer().AsSpan(0, (int)head.Length).CopyTo(span[at..]);
        at += (int)head.Length;
        at = WriteBlock(span, at, module);
        at = WriteBlock(span, at, dataImage);
        at = WriteBlock(span, at, code);
        ArtifactChecksum.Compute(span[..at], span[at..]);
        return bytes;
    }

    private static int WriteBlock(Span<byte> to, int at, ReadOnlySpan<byte> block)
    {
        BinaryPrimitives.WriteInt32LittleEndian(to[at..], block.Length);
        block.CopyTo(to[(at + 4)..]);
        return at + 4 + block.Length;
    }

    /// <summary>Checks magic, format version, length and checksum, then splits the artifact into its parts.</summary>
    /// <exception cref="ArtifactException">Any check fails; the message says which.</exception>
    public static ArtifactContents Read(ReadOnlyMemory<byte> artifact) => Read(artifact, default);

    /// <summary>The same, except that the bytes are not hashed again when the artifact's stored checksum equals
    /// <paramref name="verifiedChecksum"/>: the caller vouches that these very bytes were checked before and have
    /// not changed since (a cache that knows the file is unchanged). Every other check still runs.</summary>
    public static ArtifactContents Read(ReadOnlyMemory<byte> artifact, ReadOnlySpan<byte> verifiedChecksum)
    {
        var bytes = artifact.Span;
        if (bytes.Length < Magic.Length || !bytes.StartsWith(Magic))
            throw new ArtifactException("not a WasmSharp artifact (wrong magic)");
        if (bytes.Length < PrefixSize + HashSize) throw new ArtifactException("artifact is truncated");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version != Version)
            throw new ArtifactException($"artifact format version {version} is not supported (this WasmSharp reads version {Version}{(version < Version ? "; it was made by an older WasmSharp: compile the module again" : "")})");
        long bodyLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        long expected = (long)PrefixSize + bodyLength + HashSize;
        if (bodyLength < 0 || expected > bytes.Length) throw new ArtifactException("artifact is truncated");
        if (expected < bytes.Length) throw new ArtifactException("artifact has trailing bytes after its checksum");
        if (verifiedChecksum.Length != HashSize || !verifiedChecksum.SequenceEqual(bytes[^HashSize..]))
        {
            Span<byte> hash = stackalloc byte[HashSize];
            ArtifactChecksum.Compute(bytes[..^HashSize], hash);
            if (!hash.SequenceEqual(bytes[^HashSize..])) throw new ArtifactException("artifact is corrupted (checksum mismatch)");
        }
        return ParseBody(artifact.Slice(PrefixSize, (int)bodyLength), version);
    }

    /// <summary>Splits a checked body; slices of the artifact, nothing copied.</summary>
    private static ArtifactContents ParseBody(ReadOnlyMemory<byte> body, int version)
    {
        var r = new SpanCursor(body);
        string wasmSharp = r.String(), compiler = r.String(), target = r.String(), settings = r.String();
        byte[] moduleHash = r.Bytes(HashSize).ToArray();
        var module = r.Bytes(r.Int32());
        var dataImage = r.Bytes(r.Int32());
        int payloadLength = r.Int32();
        int payloadOffset = PrefixSize + r.Position;
        var payload = r.Bytes(payloadLength);
        if (!r.AtEnd) throw new ArtifactException("artifact body has unexpected trailing bytes");
        var header = new ArtifactHeader(version, wasmSharp, new ArtifactTarget(compiler, target, settings), moduleHash);
        return new ArtifactContents(header, module, dataImage, payload, payloadOffset);
    }

    /// <summary>The module hash recorded in headers and used in cache keys: XXH128 of its bytes (an identity for
    /// modules one compiled, not a defence against forged ones).</summary>
    public static byte[] HashModule(ReadOnlySpan<byte> module) => XxHash128.Hash(module);

    /// <summary><see cref="HashModule"/> of a binary module file, read through a mapping (no copy).</summary>
    public static byte[] HashModuleFile(string path)
    {
        using var mapped = MappedFile.Open(path);
        return HashModule(mapped.Memory.Span);
    }
}

/// <summary>The parts of a checked artifact: slices of its bytes, nothing copied.</summary>
/// <param name="Header">Who made it, for what.</param>
/// <param name="Module">The module's bytes.</param>
/// <param name="DataImage">The module's data image (<see cref="Artifacts.DataImage"/>), empty when it has none.</param>
/// <param name="Payload">The compiler's code and tables.</param>
/// <param name="PayloadOffset">Where <paramref name="Payload"/> starts in the artifact.</param>
public sealed record ArtifactContents(ArtifactHeader Header, ReadOnlyMemory<byte> Module, ReadOnlyMemory<byte> DataImage, ReadOnlyMemory<byte> Payload, int PayloadOffset);
