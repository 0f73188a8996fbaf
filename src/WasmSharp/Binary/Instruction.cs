namespace WasmSharp.Binary;

/// <summary>
/// One decoded operator and its immediates. A ref struct so that <c>br_table</c> targets stay a view of the
/// module bytes: reading an operator never allocates.
/// </summary>
public ref struct Instruction
{
    /// <summary>The operator.</summary>
    public Opcode Opcode;
    /// <summary>Module offset of the operator's first byte.</summary>
    public int Offset;
    /// <summary>First index immediate: local, global, function, type, table, label, data, elem; br_table target count;
    /// select_t type count.</summary>
    public uint Index;
    /// <summary>Second index immediate: call_indirect/table.init table, table.copy source.</summary>
    public uint Index2;
    /// <summary>Constant bits (i32/i64/f32/f64; v128 low half), or the memarg offset.</summary>
    public ulong Value;
    /// <summary>v128 high half (v128.const, i8x16.shuffle lanes 8-15).</summary>
    public ulong Value2;
    /// <summary>memarg alignment exponent as encoded.</summary>
    public uint Align;
    /// <summary>Lane index immediate (SIMD lane operators).</summary>
    public byte Lane;
    /// <summary>Block type immediate (<c>block</c>, <c>loop</c>, <c>if</c>).</summary>
    public BlockType BlockType;
    /// <summary>ref.null type, or the single type of a typed select.</summary>
    public ValType Type;
    /// <summary>br_table: the encoded targets (LEB128 u32s, default last) — iterate with <see cref="BrTableTargets"/>.</summary>
    public ReadOnlySpan<byte> Targets;
    /// <summary>Offset of the <c>br_table</c> target list within <see cref="Targets"/>.</summary>
    public int TargetsOffset;

    /// <summary>The <c>br_table</c> targets, read lazily from the module bytes.</summary>
    public readonly BrTableTargets BrTableTargets => new(Targets, TargetsOffset, (int)Index);
}

/// <summary>Walks the label indices of a <c>br_table</c> (the default target is the last one).</summary>
public ref struct BrTableTargets
{
    private WasmReader _reader;
    private int _left;

    /// <summary>A view of <paramref name="count"/> LEB128 labels starting at <paramref name="offset"/> of <paramref name="bytes"/>.</summary>
    public BrTableTargets(ReadOnlySpan<byte> bytes, int offset, int count)
    {
        _reader = new WasmReader(bytes, offset);
        _left = count + 1;
    }

    /// <summary>Labels not read yet.</summary>
    public int Count => _left;

    /// <summary>Reads the next label; false when none is left.</summary>
    public bool Next(out uint label)
    {
        if (_left == 0) { label = 0; return false; }
        _left--;
        label = _reader.ReadU32();
        return true;
    }
}
