using System.Runtime.CompilerServices;

namespace WasmSharp.Binary;

/// <summary>
/// Reads the operators of a function body or constant expression, one at a time, with their immediates.
/// Shared by the validator and the compilers; it checks encodings (malformed) but not types (invalid).
/// </summary>
public ref struct OperatorReader
{
    private WasmReader _r;

    /// <summary>Reads operators from <paramref name="code"/>, whose first byte is at module offset <paramref name="baseOffset"/>.</summary>
    public OperatorReader(ReadOnlySpan<byte> code, int baseOffset)
    {
        _r = new WasmReader(code, baseOffset, "unexpected end of section or function");
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _r.AtEnd;
    /// <summary>Module offset of the next byte.</summary>
    public readonly int Offset => _r.Offset;

    /// <summary>Reads one operator and its immediates into <paramref name="ins"/>; throws <see cref="MalformedModuleException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(ref Instruction ins)
    {
        ins.Offset = _r.Offset;
        byte b = _r.ReadByte();
        Opcode op;
        if (b == 0xFC || b == 0xFD)
        {
            uint sub = _r.ReadU32();
            if (sub > (b == 0xFC ? 0xFFu : 0xFFu)) throw _r.Malformed("illegal opcode", ins.Offset);
            op = (Opcode)((b == 0xFC ? 0x100 : 0x200) + sub);
        }
        else op = (Opcode)b;
        if (!OpcodeTable.IsDefined(op)) throw _r.Malformed("illegal opcode", ins.Offset);
        ins.Opcode = op;
        var kind = OpcodeTable.Immediate(op);
        // the commonest shapes inline (most operators of real code): none, one index, a memarg
        switch (kind)
        {
            case ImmediateKind.None: return;
            case ImmediateKind.Local or ImmediateKind.Global or ImmediateKind.Label or ImmediateKind.Func:
                ins.Index = _r.ReadU32();
                return;
            case ImmediateKind.MemArg:
                ReadMemArg(ref ins);
                return;
            default:
                ReadImmediates(ref ins, kind);
                return;
        }
    }

    private void ReadImmediates(ref Instruction ins, ImmediateKind kind)
    {
        switch (kind)
        {
            case ImmediateKind.None: break;
            case ImmediateKind.Block: ins.BlockType = ReadBlockType(); break;
            case ImmediateKind.Label:
            case ImmediateKind.Func:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
                ins.Index = _r.ReadU32();
                break;
            case ImmediateKind.BrTable: ReadBrTable(ref ins); break;
            case ImmediateKind.CallIndirect:
                ins.Index = _r.ReadU32();
                ins.Index2 = _r.ReadU32();
                break;
            case ImmediateKind.SelectT: ReadSelectTypes(ref ins); break;
            case ImmediateKind.MemArg: ReadMemArg(ref ins); break;
            case ImmediateKind.MemArgLane:
                ReadMemArg(ref ins);
                ins.Lane = _r.ReadByte();
                break;
            case ImmediateKind.MemoryIndex: ins.Index = ZeroByte(); break;
            case ImmediateKind.I32: ins.Value = (uint)_r.ReadS32(); break;
            case ImmediateKind.I64: ins.Value = (ulong)_r.ReadS64(); break;
            case ImmediateKind.F32: ins.Value = _r.ReadFixedU32(); break;
            case ImmediateKind.F64: ins.Value = _r.ReadFixedU64(); break;
            case ImmediateKind.V128:
            case ImmediateKind.Shuffle:
                ins.Value = _r.ReadFixedU64();
                ins.Value2 = _r.ReadFixedU64();
                break;
            case ImmediateKind.Lane: ins.Lane = _r.ReadByte(); break;
            case ImmediateKind.RefType: ins.Type = ReadRefType(); break;
            case ImmediateKind.MemoryInit:
                ins.Index = _r.ReadU32();
                ins.Index2 = ZeroByte();
                break;
            case ImmediateKind.MemoryCopy:
                ins.Index = ZeroByte();
                ins.Index2 = ZeroByte();
                break;
            case ImmediateKind.TableInit:
            case ImmediateKind.TableCopy:
                ins.Index = _r.ReadU32();
                ins.Index2 = _r.ReadU32();
                break;
        }
    }

    /// <summary>2.0 has one memory, and its index is encoded as a single zero byte.</summary>
    private uint ZeroByte()
    {
        if (_r.ReadByte() != 0) throw _r.Malformed("zero byte expected", _r.Offset - 1);
        return 0;
    }

    private void ReadMemArg(ref Instruction ins)
    {
        ins.Align = _r.ReadU32();
        ins.Value = _r.ReadU32();
    }

    private void ReadBrTable(ref Instruction ins)
    {
        uint count = _r.ReadU32();
        if (count > (uint)_r.Remaining) throw _r.Malformed("unexpected end of section or function");
        int dataStart = _r.Position;
        int dataOffset = _r.Offset;
        for (uint i = 0; i <= count; i++) _r.ReadU32();
        ins.Index = count;
        ins.Targets = _r.Span[dataStart.._r.Position];
        ins.TargetsOffset = dataOffset;
    }

    private void ReadSelectTypes(ref Instruction ins)
    {
        uint count = _r.ReadU32();
        ins.Index = count;
        ins.Type = 0;
        // only a count of one is valid; read them all so that arity errors are reported as invalid, not malformed
        if (count > (uint)_r.Remaining) throw _r.Malformed("unexpected end of section or function");
        for (uint i = 0; i < count; i++)
        {
            var t = ReadValType();
            if (i == 0) ins.Type = t;
        }
    }

    /// <summary>Reads one value type byte.</summary>
    public ValType ReadValType() => ModuleDecoder.ReadValType(ref _r);

    private ValType ReadRefType() => ModuleDecoder.ReadRefType(ref _r);

    private BlockType ReadBlockType()
    {
        byte b = _r.PeekByte();
        if (b == 0x40) { _r.ReadByte(); return BlockType.Empty; }
        if ((b & 0xC0) == 0x40)
        {
            // a negative single-byte s33 is a value type
            return BlockType.Value(ReadValType());
        }
        int at = _r.Offset;
        long idx = _r.ReadS33();
        if (idx < 0) throw _r.Malformed("malformed value type", at);
        return BlockType.Index((uint)Math.Min(idx, uint.MaxValue));
    }
}
