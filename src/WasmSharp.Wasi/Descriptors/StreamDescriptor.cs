namespace WasmSharp.Wasi.Descriptors;

/// <summary>
/// Standard input, output or error backed by a .NET <see cref="Stream"/>. Closing the guest's entry never closes
/// an inherited host stream: <see cref="OwnsStream"/> is false for those.
/// </summary>
internal sealed class StreamDescriptor(Stream stream, bool readable, bool ownsStream, Filetype filetype) : Descriptor
{
    public Stream Stream { get; } = stream;
    public bool Readable { get; } = readable;
    public bool OwnsStream { get; } = ownsStream;
    public override Filetype Filetype { get; } = filetype;
    public Fdflags Flags { get; set; }

    /// <summary>The host descriptor behind an inherited standard stream (0, 1 or 2), so <c>poll_oneoff</c> can
    /// wait on it; null for streams of the embedder, which are always ready.</summary>
    public int? HostFd { get; init; }

    public override void Dispose()
    {
        if (OwnsStream) Stream.Dispose();
        else if (!Readable) Stream.Flush();
    }
}
