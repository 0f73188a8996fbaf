using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace WasmSharp.Artifacts;

/// <summary>
/// A read-only mapping of a range of a file, seen as <see cref="ReadOnlyMemory{T}"/>. A warm start reads a large
/// artifact through it: pages come straight from the page cache, instead of being copied into fresh heap memory
/// (whose page faults and zeroing cost more than the read itself). Whatever outlives the mapping must be copied out.
/// The file must not be truncated while it is mapped; artifacts and cache entries are replaced by rename, never
/// rewritten in place, so a mapped file keeps its bytes.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly FileStream _stream;
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private bool _released;

    /// <summary>The open file, for mapping parts of it otherwise (e.g. code as executable).</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle Handle => _stream.SafeFileHandle;

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
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
        _stream.Dispose();
    }
}
