using System.Text.Unicode;

namespace WasmSharp.Text;

// Imports, functions, tables, memories, globals, exports and the start function (spec 6.6).
internal sealed partial class ModuleParser
{
    private const byte FuncKind = 0x00, TableKind = 0x01, MemoryKind = 0x02, GlobalKind = 0x03;

    private readonly IndexSpace _locals = new("local");
    private readonly List<ValType> _localTypes = [];
    private readonly ByteWriter _body = new(256);

    private void EncodeImport()
    {
        var w = Add(_out.Imports);
        WriteName(w);
        WriteName(w);
        ExpectLParen("an import description");
        var kind = Next();
        OptionalIdToken();
        switch (TextOf(kind))
        {
            case "func": WriteFuncImport(w); break;
            case "table": WriteTableImport(w); break;
            case "memory": WriteMemoryImport(w); break;
            default: WriteGlobalImport(w); break;
        }
        ExpectRParen();
    }

    private void WriteFuncImport(ByteWriter w)
    {
        _nextFunc++;
        uint type = ParseTypeUse(allowNames: true, null, out _);
        w.Byte(FuncKind);
        w.U32(type);
    }

    private void WriteTableImport(ByteWriter w)
    {
        _nextTable++;
        w.Byte(TableKind);
        ParseTableType(w);
    }

    private void WriteMemoryImport(ByteWriter w)
    {
        _nextMemory++;
        w.Byte(MemoryKind);
        ParseLimits(w);
    }

    private void WriteGlobalImport(ByteWriter w)
    {
        _nextGlobal++;
        w.Byte(GlobalKind);
        ParseGlobalType(w);
    }

    /// <summary><c>(import "m" "n")</c> inside a func/table/memory/global; writes the names into a new import.</summary>
    private ByteWriter? ParseInlineImport()
    {
        if (!PeekField("import")) return null;
        Pos += 2;
        var w = Add(_out.Imports);
        WriteName(w);
        WriteName(w);
        ExpectRParen();
        return w;
    }

    /// <summary>Inline <c>(export "name")</c> abbreviations: each adds an export of the item being defined.</summary>
    private void ParseInlineExports(byte kind, uint index)
    {
        int field = _fieldSource;
        while (PeekField("export"))
        {
            // each inline export is reported at its own keyword (a duplicate name), not at the field's
            _fieldSource = PeekAt(1).Start;
            Pos += 2;
            WriteExport(kind, index);
            ExpectRParen();
        }
        _fieldSource = field;
    }

    private void WriteExport(byte kind, uint index)
    {
        var w = Add(_out.Exports);
        WriteName(w);
        w.Byte(kind);
        w.U32(index);
    }

    /// <summary>A name string: its bytes must be valid UTF-8 (spec 6.3.4).</summary>
    private void WriteName(ByteWriter w)
    {
        var t = Expect(TokenKind.String, "a name string");
        _strings.Clear();
        StringLiteral.Decode(Source, t, _strings);
        if (!Utf8.IsValid(_strings.Span)) throw Error(t, "malformed UTF-8 encoding in name");
        w.Vec(_strings.Span);
    }

    private void EncodeFunc()
    {
        OptionalIdToken();
        uint index = _nextFunc;
        ParseInlineExports(FuncKind, index);
        if (ParseInlineImport() is { } import)
        {
            WriteFuncImport(import);
            return;
        }
        _nextFunc++;
        uint type = ParseTypeUse(allowNames: true, _paramNames, out var sig);
        Add(_out.Functions).U32(type);
        EncodeFuncBody(sig);
    }

    private void EncodeFuncBody(FuncType sig)
    {
        _locals.Clear();
        // Parameter names come from the inline signature; with only (type x) the parameters are unnamed.
        for (int i = 0; i < sig.Params.Length; i++)
        {
            string? name = i < _paramNames.Count ? _paramNames[i] : null;
            if (!_locals.TryDefine(name, out _)) throw Error($"duplicate local {name}");
        }
        _localTypes.Clear();
        while (PeekField("local"))
        {
            Pos += 2;
            if (PeekIs(TokenKind.Id))
            {
                var id = Next();
                if (!_locals.TryDefine(TextOf(id), out _)) throw Error(id, $"duplicate local {TextOf(id)}");
                _localTypes.Add(ParseValType());
            }
            else
            {
                while (!PeekIs(TokenKind.RParen))
                {
                    _localTypes.Add(ParseValType());
                    _locals.TryDefine(default, out _);
                }
            }
            ExpectRParen();
        }
        _body.Clear();
        WriteLocals(_body);
        ParseExpression(_body);
        var code = Add(_out.Codes);
        code.U32((uint)_body.Length);
        _map?.Commit(_out.Codes.Id, code.Length);
        code.Bytes(_body.Span);
        _locals.Clear();
    }

    /// <summary>Locals are encoded as runs of equal types, merging neighbours as wabt does.</summary>
    private void WriteLocals(ByteWriter w)
    {
        uint runs = 0;
        for (int i = 0; i < _localTypes.Count; i++)
        {
            if (i == 0 || _localTypes[i] != _localTypes[i - 1]) runs++;
        }
        w.U32(runs);
        for (int i = 0; i < _localTypes.Count;)
        {
            int j = i;
            while (j < _localTypes.Count && _localTypes[j] == _localTypes[i]) j++;
            w.U32((uint)(j - i));
            w.Byte((byte)_localTypes[i]);
            i = j;
        }
    }

    private void ParseTableType(ByteWriter w)
    {
        var limits = new ByteWriter(12);
        ParseLimits(limits);
        w.Byte((byte)ParseRefType());
        w.Bytes(limits.Span);
    }

    private void EncodeTable()
    {
        OptionalIdToken();
        uint index = _nextTable;
        ParseInlineExports(TableKind, index);
        if (ParseInlineImport() is { } import)
        {
            WriteTableImport(import);
            return;
        }
        _nextTable++;
        if (Peek.Kind == TokenKind.Keyword && PeekAt(1).Kind == TokenKind.LParen && IsKeyword(PeekAt(2), "elem"))
        {
            EncodeTableWithElems(index);
            return;
        }
        ParseTableType(Add(_out.Tables));
    }

    /// <summary><c>(table reftype (elem ...))</c>: a table sized to fit the items, and an active segment at 0.</summary>
    private void EncodeTableWithElems(uint index)
    {
        var refType = ParseRefType();
        Pos += 2;
        var items = new List<ElemItem>();
        if (PeekIs(TokenKind.LParen)) ParseElemExprs(items);
        else ParseFuncIndices(items);
        ExpectRParen();
        var w = Add(_out.Tables);
        w.Byte((byte)refType);
        w.Byte(0x01);
        w.U32((uint)items.Count);
        w.U32((uint)items.Count);
        WriteElemSegment(ElemMode.Active, index, ZeroOffset, refType, items);
    }

    private void EncodeMemory()
    {
        OptionalIdToken();
        uint index = _nextMemory;
        ParseInlineExports(MemoryKind, index);
        if (ParseInlineImport() is { } import)
        {
            WriteMemoryImport(import);
            return;
        }
        _nextMemory++;
        if (PeekField("data"))
        {
            EncodeMemoryWithData(index);
            return;
        }
        ParseLimits(Add(_out.Memories));
    }

    /// <summary><c>(memory (data "..."))</c>: a memory just big enough, and an active segment at 0.</summary>
    private void EncodeMemoryWithData(uint index)
    {
        Pos += 2;
        var bytes = ParseDataStrings();
        ExpectRParen();
        uint pages = (uint)((bytes.Length + 65535L) / 65536);
        var w = Add(_out.Memories);
        w.Byte(0x01);
        w.U32(pages);
        w.U32(pages);
        WriteDataSegment(active: true, index, ZeroOffset, bytes);
    }

    private void EncodeGlobal()
    {
        OptionalIdToken();
        uint index = _nextGlobal;
        ParseInlineExports(GlobalKind, index);
        if (ParseInlineImport() is { } import)
        {
            WriteGlobalImport(import);
            return;
        }
        _nextGlobal++;
        var w = Add(_out.Globals);
        ParseGlobalType(w);
        ParseExpression(w);
        _map?.Commit(_out.Globals.Id, 0);
    }

    private void EncodeExport()
    {
        var w = Add(_out.Exports);
        WriteName(w);
        ExpectLParen("an export description");
        var kind = Expect(TokenKind.Keyword, "an export description");
        var (kindByte, space) = TextOf(kind) switch
        {
            "func" => (FuncKind, _funcs),
            "table" => (TableKind, _tables),
            "memory" => (MemoryKind, _memories),
            "global" => (GlobalKind, _globals),
            _ => throw Error(kind, $"unexpected token \"{TextOf(kind)}\", expected an export description"),
        };
        w.Byte(kindByte);
        MarkIndex(_out.Exports, Peek);
        w.U32(ParseIndex(space));
        ExpectRParen();
    }

    private void EncodeStart()
    {
        _map?.Field(8, 0, _fieldSource);
        var at = Peek;
        uint index = ParseIndex(_funcs);
        if (_out.Start is not null) throw Error(at, "multiple start sections");
        _out.Start = index;
    }
}
