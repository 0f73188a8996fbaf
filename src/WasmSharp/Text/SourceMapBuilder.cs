namespace WasmSharp.Text;

/// <summary>
/// Collects, while a text module is encoded, which source offset each encoded instruction and module field came
/// from. Instructions are first written to a scratch writer, so their marks wait (relative to it) until the
/// encoder copies the expression into its section (<see cref="Commit"/>); sections land in the binary last, so
/// every mark stays section-relative until <see cref="Build"/> knows where each section body went.
/// </summary>
internal sealed class SourceMapBuilder
{
    /// <summary>Section ids go up to 12 (data count).</summary>
    private const int SectionIds = 13;

    private readonly List<(int Offset, int Source)> _pending = [];
    private readonly List<(int Offset, int Source)>[] _sections = new List<(int, int)>[SectionIds];

    /// <summary>The instruction at <paramref name="writerOffset"/> of the expression being written came from
    /// <paramref name="source"/>.</summary>
    public void Mark(int writerOffset, int source) => _pending.Add((writerOffset, source));

    /// <summary>The expression just written now starts at <paramref name="bodyOffset"/> of section
    /// <paramref name="sectionId"/>'s body.</summary>
    public void Commit(byte sectionId, int bodyOffset)
    {
        var list = Section(sectionId);
        foreach (var (offset, source) in _pending) list.Add((offset + bodyOffset, source));
        _pending.Clear();
    }

    /// <summary>The marks of the expression just written, for an expression that is copied into its section later,
    /// after others were written in the same scratch writer (<see cref="CommitTaken"/>).</summary>
    public (int Offset, int Source)[] TakePending()
    {
        var marks = _pending.ToArray();
        _pending.Clear();
        return marks;
    }

    /// <summary>An expression whose <paramref name="marks"/> were taken aside now starts at
    /// <paramref name="bodyOffset"/> of section <paramref name="sectionId"/>'s body.</summary>
    public void CommitTaken(byte sectionId, int bodyOffset, (int Offset, int Source)[] marks)
    {
        var list = Section(sectionId);
        foreach (var (offset, source) in marks) list.Add((offset + bodyOffset, source));
    }

    /// <summary>Forgets marks of an expression that is not copied as it was written.</summary>
    public void DropPending() => _pending.Clear();

    /// <summary>A module field's element starts at <paramref name="bodyOffset"/> of its section body.</summary>
    public void Field(byte sectionId, int bodyOffset, int source) => Section(sectionId).Add((bodyOffset, source));

    private List<(int Offset, int Source)> Section(byte id) => _sections[id] ??= [];

    /// <summary>The map, once <paramref name="layout"/> says where each section's body begins and ends in the
    /// binary (<see cref="ModuleSections.Layout"/>). Bytes between the sections' elements map to nothing.</summary>
    public WatSourceMap Build(string text, ModuleSections.Layout layout)
    {
        var offsets = new List<int>();
        var sources = new List<int>();
        foreach (int id in layout.Order)
        {
            foreach (var (offset, source) in _sections[id] ?? [])
            {
                offsets.Add(layout.BodyStart[id] + offset);
                sources.Add(source);
            }
            offsets.Add(layout.BodyEnd[id]);
            sources.Add(WatSourceMap.Nowhere);
        }
        return new WatSourceMap(text, [.. offsets], [.. sources]);
    }
}
