using System.Security.Cryptography;
using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;

namespace WasmSharp.Emscripten;

/// <summary>The devices emcc's FS always has: /dev/null (writes vanish) and /dev/random, /dev/urandom (the host's
/// cryptographic generator). They live in the guest's descriptor table like any stream.</summary>
internal static class Devices
{
    private static readonly string[] Names = ["/dev/null", "/dev/random", "/dev/urandom"];

    public static bool Exists(string abs) => Names.Contains(abs);

    /// <summary>Opens <paramref name="abs"/> when it names a device; null otherwise.</summary>
    public static int? Open(string abs, WasiContext wasi)
    {
        StreamDescriptor? d = abs switch
        {
            "/dev/null" => new StreamDescriptor(Stream.Null, readable: false, ownsStream: false, Filetype.CharacterDevice) { Base = RightSets.Stdout },
            "/dev/random" or "/dev/urandom" => new StreamDescriptor(new RandomStream(), readable: true, ownsStream: true, Filetype.CharacterDevice) { Base = RightSets.Stdin },
            _ => null,
        };
        return d is null ? null : wasi.Fds.Add(d);
    }

    /// <summary>An endless source of random bytes.</summary>
    private sealed class RandomStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            RandomNumberGenerator.Fill(buffer);
            return buffer.Length;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
