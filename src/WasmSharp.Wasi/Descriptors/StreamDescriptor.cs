namespace WasmSharp.Wasi.Descriptors;

/// <summary>
/// Standard input, output or error backed by a .NET <see cref="Stream"/> of the embedder (or an empty one of ours).
/// Closing the guest's entry never closes the embedder's stream: <see cref="OwnsStream"/> is false for those.
/// </summary>
internal sealed class StreamDescriptor(Stream stream, bool readable, bool ownsStream, Filetype filetype) : Descriptor
{
    public Stream Stream { get; } = stream;
    public bool Readable { get; } = readable;
    public bool OwnsStream { get; } = ownsStream;
    public override Filetype Filetype { get; } = filetype;
    public Fdflags Flags { get; set; }

    public override void Dispose()
    {
        if (OwnsStream) Stream.Dispose();
        else if (!Readable) Stream.Flush();
    }
}
