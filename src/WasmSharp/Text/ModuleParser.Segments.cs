namespace WasmSharp.Text;

internal enum ElemMode : byte { Active, Passive, Declarative }

/// <summary>One element of a segment: its constant expression (with <c>end</c>), and the function index when it is
/// just <c>ref.func x</c>; where it came from when the source is mapped (the index's token, or the expression's marks).</summary>
internal readonly record struct ElemItem(long FuncIndex, byte[] Expr, int Source = -1, (int Offset, int Source)[]? Marks = null);

// Element and data segments (spec 6.6.9, 6.6.12) and their binary flags (spec 5.5.12, 5.5.14).
internal sealed partial class ModuleParser
{
    private static readonly byte[] ZeroOffset = [0x41, 0x00, 0x0B];
    private readonly ByteWriter _expr = new(32);

    private void EncodeElem()
    {
        OptionalIdToken();
        var mode = ElemMode.Passive;
        uint table = 0;
        byte[] offset = [];
        bool tableGiven = false;
        if (PeekKeyword("declare"))
        {
            Pos++;
            mode = ElemMode.Declarative;
        }
        else if (PeekIs(TokenKind.LParen))
        {
            mode = ElemMode.Active;
            if (PeekField("table"))
            {
                Pos += 2;
                table = ParseIndex(_tables);
                ExpectRParen();
                tableGiven = true;
            }
            offset = ParseOffset();
        }
        // the offset and the items are written aside in one scratch writer: their marks wait until they are placed
        var offsetMarks = _map?.TakePending();

        var items = new List<ElemItem>();
        ValType elemType = ValType.FuncRef;
        if (PeekKeyword("func"))
        {
            Pos++;
            ParseFuncIndices(items);
        }
        else if (mode == ElemMode.Active && !tableGiven && !PeekIs(TokenKind.Keyword))
        {
            // Backwards-compatible form: (elem offset funcidx*).
            ParseFuncIndices(items);
        }
        else
        {
            elemType = ParseRefType();
            ParseElemExprs(items);
        }
        WriteElemSegment(mode, table, offset, elemType, items, offsetMarks);
    }

    /// <summary><c>(offset instr*)</c> or a single folded instruction.</summary>
    private byte[] ParseOffset()
    {
        _expr.Clear();
        if (PeekField("offset"))
        {
            Pos += 2;
            ParseExpression(_expr);
            ExpectRParen();
        }
        else
        {
            _labels.Clear();
            ParseFolded(_expr);
            _expr.Byte(0x0B);
        }
        return _expr.ToArray();
    }

    private void ParseFuncIndices(List<ElemItem> items)
    {
        while (PeekIndex)
        {
            int source = Peek.Start;
            uint f = ParseIndex(_funcs);
            _expr.Clear();
            _expr.Byte(0xD2);
            _expr.U32(f);
            _expr.Byte(0x0B);
            items.Add(new ElemItem(f, _expr.ToArray(), source));
        }
    }

    /// <summary>Element expressions: <c>(item instr*)</c> or one folded instruction each.</summary>
    private void ParseElemExprs(List<ElemItem> items)
    {
        while (PeekIs(TokenKind.LParen))
        {
            _expr.Clear();
            if (PeekField("item"))
            {
                Pos += 2;
                ParseExpression(_expr);
                ExpectRParen();
            }
            else
            {
                _labels.Clear();
                ParseFolded(_expr);
                _expr.Byte(0x0B);
            }
            items.Add(new ElemItem(RefFuncIndex(_expr.Span), _expr.ToArray(), Marks: _map?.TakePending()));
        }
    }

    /// <summary>The x of an expression that is exactly <c>ref.func x</c>, else -1.</summary>
    private static long RefFuncIndex(ReadOnlySpan<byte> expr)
    {
        if (expr.Length < 3 || expr[0] != 0xD2 || expr[^1] != 0x0B) return -1;
        ulong value = 0;
        int shift = 0;
        for (int i = 1; i < expr.Length - 1; i++)
        {
            value |= (ulong)(expr[i] & 0x7F) << shift;
            shift += 7;
            bool last = (expr[i] & 0x80) == 0;
            if (last) return i == expr.Length - 2 ? (long)value : -1;
        }
        return -1;
    }

    /// <summary>
    /// Chooses the segment flags as wabt does: function indices when every item is <c>ref.func</c> in a funcref
    /// segment, an explicit table index only when it is not 0 or the type is not funcref.
    /// </summary>
    private void WriteElemSegment(ElemMode mode, uint table, byte[] offset, ValType elemType, List<ElemItem> items,
        (int, int)[]? offsetMarks = null)
    {
        bool indices = elemType == ValType.FuncRef && items.TrueForAll(i => i.FuncIndex >= 0);
        byte flags = mode switch
        {
            ElemMode.Passive => 1,
            ElemMode.Declarative => 3,
            // An active segment without a table index implies funcref, so other types need the explicit form.
            _ => (byte)(table != 0 || elemType != ValType.FuncRef ? 2 : 0),
        };
        if (!indices) flags |= 4;
        _map?.DropPending();
        var w = Add(_out.Elems);
        w.Byte(flags);
        if (mode == ElemMode.Active)
        {
            if ((flags & 2) != 0) w.U32(table);
            Place(offsetMarks, w.Length);
            w.Bytes(offset);
        }
        if ((flags & 3) != 0) w.Byte(indices ? (byte)0x00 : (byte)elemType);
        w.U32((uint)items.Count);
        foreach (var item in items)
        {
            if (indices)
            {
                if (item.Source >= 0) _map?.Field(_out.Elems.Id, w.Length, item.Source);
                w.U32((uint)item.FuncIndex);
            }
            else
            {
                Place(item.Marks, w.Length);
                w.Bytes(item.Expr);
            }
        }
    }

    /// <summary>Places an expression's marks, taken aside, where it is copied into the element section.</summary>
    private void Place((int, int)[]? marks, int bodyOffset)
    {
        if (marks is not null) _map!.CommitTaken(_out.Elems.Id, bodyOffset, marks);
    }

    private void EncodeData()
    {
        OptionalIdToken();
        if (PeekIs(TokenKind.String) || PeekIs(TokenKind.RParen))
        {
            WriteDataSegment(active: false, 0, [], ParseDataStrings());
            return;
        }
        uint memory = 0;
        if (PeekField("memory"))
        {
            Pos += 2;
            memory = ParseIndex(_memories);
            ExpectRParen();
        }
        var offset = ParseOffset();
        WriteDataSegment(active: true, memory, offset, ParseDataStrings());
    }

    private byte[] ParseDataStrings()
    {
        _strings.Clear();
        while (PeekIs(TokenKind.String)) StringLiteral.Decode(Source, Next(), _strings);
        return _strings.ToArray();
    }

    private void WriteDataSegment(bool active, uint memory, byte[] offset, byte[] bytes)
    {
        var w = Add(_out.Datas);
        if (!active) w.Byte(0x01);
        else if (memory == 0) w.Byte(0x00);
        else
        {
            w.Byte(0x02);
            w.U32(memory);
        }
        _map?.Commit(_out.Datas.Id, w.Length);
        w.Bytes(offset);
        w.Vec(bytes);
    }
}
