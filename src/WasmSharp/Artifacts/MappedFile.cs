using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace WasmSharp.Artifacts;

/// <summary>
/// A read-only mapping of a range of a file, seen as <see cref="ReadOnlyMemory{T}"/>. A warm start reads a large
/// artifact through it: pages come straight from the page cache, instead of being copied into fresh heap memory
/// (whose page faults and zeroing cost more than the read itself). A loaded module keeps the mapping of its artifact
/// (its data image and offset map are read in place) and disposes it with its code; one dropped without Dispose
/// is unmapped by the finalizer, once nothing refers to its memory. Reading it after disposal throws
/// <see cref="ObjectDisposedException"/>. The file must not be truncated or rewritten while it is mapped; artifacts
/// and cache entries are replaced by rename, never rewritten in place, so a mapped file keeps its bytes.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private FileStream? _stream;
    private MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private bool _released;

    /// <summary>The open file, for mapping parts of it otherwise (e.g. code as executable).</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle Handle =>
        (_stream ?? throw new InvalidOperationException("the mapped file has been closed")).SafeFileHandle;

    /// <summary>Where the mapped range starts in the file.</summary>
    public long Offset { get; }

    private MappedFile(FileStream stream, long offset, MemoryMappedFile? file, MemoryMappedViewAccessor? view, int length)
    {
        _stream = stream;
        Offset = offset;
        _file = file;
        _view = view;
        _length = length;
        if (view is null) return;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _pointer = start + view.PointerOffset;
    }

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="path"/> from <paramref name="offset"/>
    /// (-1: to the end of the file).</summary>
    /// <exception cref="ArtifactException">The range lies outside the file or exceeds 2 GiB.</exception>
    public static MappedFile Open(string path, long offset = 0, long length = -1)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.None);
        MemoryMappedFile? file = null;
        try
        {
            long size = stream.Length;
            if (length < 0) length = size - offset;
            if (offset < 0 || length < 0 || offset + length > size) throw new ArtifactException($"{Path.GetFileName(path)} is truncated");
            if (length > Array.MaxLength) throw new ArtifactException($"{Path.GetFileName(path)} is too large to load ({length} bytes)");
            // an empty range cannot be mapped: it is empty memory (the format checks say what is wrong with it)
            if (length == 0) return new MappedFile(stream, offset, null, null, 0);
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            return new MappedFile(stream, offset, file, file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read), (int)length);
        }
        catch
        {
            file?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Closes the file, keeping the mapping: a module that keeps its artifact's mapping holds no descriptor
    /// (<see cref="Handle"/> is then unavailable).</summary>
    public void CloseFile()
    {
        _file?.Dispose();
        _file = null;
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>Releases the view of a mapping dropped without Dispose (a module the GC collected). CA2015 warns that a
    /// span does not keep its manager alive: every reader of a kept mapping (data image, offset map) holds its owner
    /// alive with GC.KeepAlive while it uses a span.</summary>
#pragma warning disable CA2015
    ~MappedFile() => Dispose(false);
#pragma warning restore CA2015

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        return new Span<byte>(_pointer, _length);
    }

    /// <summary>Not movable: the bytes stay where they are mapped while the mapping lives.</summary>
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        if (_released) return;
        _released = true;
        // from the finalizer only the pointer is released: the view's and the file's own (critical) finalizers,
        // which run after this one, unmap and close them
        _view?.SafeMemoryMappedViewHandle.ReleasePointer();
        if (!disposing) return;
        GC.SuppressFinalize(this);
        _view?.Dispose();
        CloseFile();
    }
}
