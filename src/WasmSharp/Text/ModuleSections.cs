namespace WasmSharp.Text;

/// <summary>The contents of each binary section as it is built, and their assembly in canonical order.</summary>
internal sealed class ModuleSections
{
    /// <summary>One section's vector: the element count and the encoded elements.</summary>
    public sealed class Section(byte id)
    {
        public byte Id { get; } = id;
        public uint Count;
        public readonly ByteWriter Body = new();

        /// <summary>Starts the next element of the vector and returns the writer for it.</summary>
        public ByteWriter Add()
        {
            Count++;
            return Body;
        }
    }

    public readonly Section Types = new(1);
    public readonly Section Imports = new(2);
    public readonly Section Functions = new(3);
    public readonly Section Tables = new(4);
    public readonly Section Memories = new(5);
    public readonly Section Globals = new(6);
    public readonly Section Exports = new(7);
    public readonly Section Elems = new(9);
    public readonly Section Codes = new(10);
    public readonly Section Datas = new(11);

    public uint? Start;

    /// <summary>Set when memory.init or data.drop is used: they need the data count section (id 12).</summary>
    public bool NeedsDataCount;

    /// <summary>Where each section's body (its elements, after the count) begins and ends in the binary, and the
    /// order the sections were written in: what a <see cref="SourceMapBuilder"/> needs to place its marks.</summary>
    public sealed class Layout
    {
        public readonly int[] BodyStart = new int[13];
        public readonly int[] BodyEnd = new int[13];
        public readonly List<int> Order = [];
    }

    public byte[] ToBinary(IReadOnlyList<FuncType> types, Layout? layout = null)
    {
        foreach (var t in types) t.Encode(Types.Add());
        var w = new ByteWriter(1024);
        w.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        Write(w, Types, layout);
        Write(w, Imports, layout);
        Write(w, Functions, layout);
        Write(w, Tables, layout);
        Write(w, Memories, layout);
        Write(w, Globals, layout);
        Write(w, Exports, layout);
        if (Start is uint start)
        {
            var body = new ByteWriter(8);
            body.U32(start);
            WriteRaw(w, 8, body.Span, layout);
        }
        Write(w, Elems, layout);
        if (NeedsDataCount)
        {
            var body = new ByteWriter(8);
            body.U32(Datas.Count);
            WriteRaw(w, 12, body.Span);
        }
        Write(w, Codes, layout);
        Write(w, Datas, layout);
        return w.ToArray();
    }

    private static void Write(ByteWriter w, Section s, Layout? layout)
    {
        if (s.Count == 0) return;
        var body = new ByteWriter(s.Body.Length + 5);
        body.U32(s.Count);
        body.Bytes(s.Body.Span);
        WriteRaw(w, s.Id, body.Span, layout);
        // the elements follow the count
        if (layout is not null) layout.BodyStart[s.Id] = layout.BodyEnd[s.Id] - s.Body.Length;
    }

    private static void WriteRaw(ByteWriter w, byte id, ReadOnlySpan<byte> body, Layout? layout = null)
    {
        w.Byte(id);
        w.Vec(body);
        if (layout is null) return;
        layout.Order.Add(id);
        layout.BodyStart[id] = w.Length - body.Length;
        layout.BodyEnd[id] = w.Length;
    }
}
