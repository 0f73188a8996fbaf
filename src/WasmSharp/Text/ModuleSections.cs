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

    public byte[] ToBinary(IReadOnlyList<FuncType> types)
    {
        foreach (var t in types) t.Encode(Types.Add());
        var w = new ByteWriter(1024);
        w.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        Write(w, Types);
        Write(w, Imports);
        Write(w, Functions);
        Write(w, Tables);
        Write(w, Memories);
        Write(w, Globals);
        Write(w, Exports);
        if (Start is uint start)
        {
            var body = new ByteWriter(8);
            body.U32(start);
            WriteRaw(w, 8, body.Span);
        }
        Write(w, Elems);
        if (NeedsDataCount)
        {
            var body = new ByteWriter(8);
            body.U32(Datas.Count);
            WriteRaw(w, 12, body.Span);
        }
        Write(w, Codes);
        Write(w, Datas);
        return w.ToArray();
    }

    private static void Write(ByteWriter w, Section s)
    {
        if (s.Count == 0) return;
        var body = new ByteWriter(s.Body.Length + 5);
        body.U32(s.Count);
        body.Bytes(s.Body.Span);
        WriteRaw(w, s.Id, body.Span);
    }

    private static void WriteRaw(ByteWriter w, byte id, ReadOnlySpan<byte> body)
    {
        w.Byte(id);
        w.Vec(body);
    }
}
