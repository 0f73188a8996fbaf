using System.Buffers.Binary;
using WasmSharp.Binary;
using WasmSharp.Text;

namespace WasmSharp.Artifacts;

/// <summary>
/// The initial contents a precompiled artifact gives a module's own memory: its active data segments merged into runs
/// of (memory offset, bytes), copied with one memcpy each at instantiation, instead of ~100,000 segments (a Go module)
/// decoded, evaluated and copied one by one. The artifact keeps it in a block of its own beside the module (see
/// <see cref="ArtifactFormat"/>), read in place from the artifact's mapping (a Go module's image is most of its
/// non-code bytes: copying it out cost a warm start more than checksumming the whole artifact), and the module's
/// data section keeps every segment's index but not the active segments' bytes: each becomes an empty active
/// segment at offset 0. After instantiation that is what an active segment is anyway (the spec drops it, so
/// <c>memory.init</c> sees it empty), so only instantiation reads the image; passive segments stay as they were.
/// <para>Only when nothing about the copies can depend on the instantiation: the memory is the module's own (fresh,
/// zeroed, and at least its minimum size), and every active segment is for it, at an <c>i32.const</c> offset, and
/// fits its minimum size, so no segment can trap and applying them all in order is what the spec's one-by-one
/// copies do. The runs are disjoint ranges holding the memory's contents after all the copies, so their order does not
/// matter; a run spans gaps of a few zeros between segments.</para>
/// <para>Layout, little-endian: u32 run count, then per run u32 memory offset, u32 length, the bytes.</para>
/// </summary>
internal sealed class DataImage
{
    private const int RunHeader = 8;
    /// <summary>The largest gap of zeros a run spans rather than end (a run header and a copy cost about as much as
    /// copying this many bytes).</summary>
    private const int MaxGap = 64;

    /// <summary>The image's bytes: a slice of the artifact's mapping (owned by the module, which outlives every
    /// use: instantiation holds a reference to the module's code) or a copy.</summary>
    private readonly ReadOnlyMemory<byte> _bytes;

    private DataImage(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    /// <summary>The image as an artifact stores it (to serialize a loaded module again).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The image of a compiled module's active segments and its data section payload rewritten without
    /// their bytes; false when the module does not qualify (see the class comment) or has no active segment.</summary>
    public static bool TryBuild(ModuleInfo m, out byte[] image, out byte[] dataSection)
    {
        image = dataSection = [];
        if (!Qualifies(m, out var offsets)) return false;
        var segments = ActiveSegments(m, offsets);
        var runs = Runs(segments);
        image = new byte[4 + runs.Sum(r => RunHeader + (long)(r.End - r.Start))];
        BinaryPrimitives.WriteInt32LittleEndian(image, runs.Count);
        int at = 4;
        foreach (var run in runs)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), run.Start);
            BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(at + 4), (int)(run.End - run.Start));
            at += RunHeader;
            // the run's segments in module order, so a later one overwrites an earlier one as the spec's copies do;
            // bytes no segment writes stay zeros, as in a fresh memory
            var members = segments[run.First..run.Last];
            Array.Sort(members, (x, y) => x.Index.CompareTo(y.Index));
            foreach (var (offset, _, index) in members)
            {
                var d = m.Data[index];
                m.Slice(d.DataOffset, d.DataLength).CopyTo(image.AsSpan(at + (int)(offset - run.Start)));
            }
            at += (int)(run.End - run.Start);
        }
        dataSection = RewriteSection(m);
        return true;
    }

    /// <summary>The non-empty active segments as (memory offset, end, index), ordered by offset.</summary>
    private static (uint Offset, ulong End, int Index)[] ActiveSegments(ModuleInfo m, uint[] offsets)
    {
        var segments = new List<(uint Offset, ulong End, int Index)>();
        for (int i = 0; i < m.Data.Count; i++)
        {
            var d = m.Data[i];
            if (d.Mode == SegmentMode.Active && d.DataLength > 0) segments.Add((offsets[i], offsets[i] + (ulong)d.DataLength, i));
        }
        var sorted = segments.ToArray();
        Array.Sort(sorted, (x, y) => x.Offset != y.Offset ? x.Offset.CompareTo(y.Offset) : x.Index.CompareTo(y.Index));
        return sorted;
    }

    /// <summary>The runs: disjoint ranges of memory, each the union of the segments <c>[First, Last)</c> (of those
    /// sorted by offset) that overlap it or lie at most <see cref="MaxGap"/> bytes apart (Go leaves gaps of a few
    /// zeros between its ~100,000 segments: a run per segment would cost a header and a copy each).</summary>
    private static List<(uint Start, ulong End, int First, int Last)> Runs((uint Offset, ulong End, int Index)[] segments)
    {
        var runs = new List<(uint Start, ulong End, int First, int Last)>();
        for (int i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (runs.Count > 0 && runs[^1] is var last && s.Offset <= last.End + MaxGap)
                runs[^1] = (last.Start, Math.Max(last.End, s.End), last.First, i + 1);
            else
                runs.Add((s.Offset, s.End, i, i + 1));
        }
        return runs;
    }

    /// <summary>The data section's payload with every active segment an empty one at offset 0, passive ones as they
    /// were: the segment indices stay, the active bytes live in the image.</summary>
    private static byte[] RewriteSection(ModuleInfo m)
    {
        var section = new ByteWriter(8 + 5 * m.Data.Count);
        section.U32((uint)m.Data.Count);
        foreach (var d in m.Data)
        {
            if (d.Mode == SegmentMode.Active)
            {
                section.Bytes([0x00, 0x41, 0x00, 0x0B, 0x00]); // active, i32.const 0, no bytes
                continue;
            }
            section.Byte(1);
            section.U32((uint)d.DataLength);
            section.Bytes(m.Slice(d.DataOffset, d.DataLength));
        }
        return section.ToArray();
    }

    /// <summary>Whether the module's active segments can become an image (see the class comment), with each
    /// active segment's offset.</summary>
    private static bool Qualifies(ModuleInfo m, out uint[] offsets)
    {
        offsets = [];
        if (m.ImportedMemoryCount != 0 || m.Memories.Count == 0) return false;
        ulong size = (ulong)m.Memories[0].Limits.Min * MemoryType.PageSize;
        offsets = new uint[m.Data.Count];
        bool any = false;
        for (int i = 0; i < m.Data.Count; i++)
        {
            var d = m.Data[i];
            if (d.Mode != SegmentMode.Active) continue;
            if (d.MemoryIndex != 0 || !TryI32Const(m, d.Offset, out offsets[i]) || offsets[i] + (ulong)d.DataLength > size) return false;
            any = true;
        }
        return any;
    }

    /// <summary>The value of a constant expression that is exactly <c>i32.const n</c>, as the unsigned offset.</summary>
    private static bool TryI32Const(ModuleInfo m, ConstExpr e, out uint value)
    {
        value = 0;
        var r = new WasmReader(m.Slice(e.Offset, e.Length), e.Offset);
        try
        {
            if (r.ReadByte() != 0x41) return false;
            value = (uint)r.ReadS32();
            return r.ReadByte() == 0x0B && r.AtEnd;
        }
        catch (MalformedModuleException)
        {
            return false;
        }
    }

    /// <summary>The image an artifact stores (<paramref name="bytes"/>, empty when it has none), its structure checked
    /// (runs inside the block); null when it has none.</summary>
    /// <exception cref="ArtifactException">The image is damaged.</exception>
    public static DataImage? Load(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty) return null;
        var span = bytes.Span;
        int at = 4;
        if (span.Length < 4) throw Damaged();
        int runs = BinaryPrimitives.ReadInt32LittleEndian(span);
        for (int i = 0; i < runs; i++)
        {
            if (span.Length - at < RunHeader) throw Damaged();
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 4)..]);
            if (length > (uint)(span.Length - at - RunHeader)) throw Damaged();
            at += RunHeader + (int)length;
        }
        if (runs < 0 || at != span.Length) throw Damaged();
        return new DataImage(bytes);
    }

    private static ArtifactException Damaged() => new("artifact data image is damaged");

    /// <summary>Copies every run into memory at <paramref name="memory"/> of <paramref name="memoryLength"/> bytes;
    /// an out-of-bounds trap if a run does not fit (it always fits a memory made for the module).</summary>
    public unsafe TrapKind ApplyTo(byte* memory, ulong memoryLength)
    {
        var result = Apply(_bytes.Span, memory, memoryLength);
        GC.KeepAlive(this); // keeps the mapping the span points into
        return result;
    }

    private static unsafe TrapKind Apply(ReadOnlySpan<byte> bytes, byte* memory, ulong memoryLength)
    {
        int runs = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int at = 4;
        for (int i = 0; i < runs; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
            if (offset + (ulong)length > memoryLength) return TrapKind.OutOfBoundsMemoryAccess;
            bytes.Slice(at + RunHeader, length).CopyTo(new Span<byte>(memory + offset, length));
            at += RunHeader + length;
        }
        return TrapKind.None;
    }
}
