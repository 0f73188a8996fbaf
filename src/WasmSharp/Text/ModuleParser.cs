namespace WasmSharp.Text;

/// <summary>
/// Parses the fields of one text module and encodes it to the binary format.
/// Pass 1 (<see cref="DeclareFields"/>) binds every <c>$id</c> and reads explicit types, since fields may
/// refer forward; pass 2 (<see cref="EncodeFields"/>) walks the fields again in order and encodes them.
/// Implicit types from type uses are appended in pass-2 order, after all explicit types, as the spec says.
/// </summary>
internal sealed partial class ModuleParser : TokenCursor
{
    private readonly int _end;
    private readonly List<FuncType> _types = [];
    private int _explicitTypes;

    private readonly IndexSpace _typeNames = new("type");
    private readonly IndexSpace _funcs = new("function");
    private readonly IndexSpace _tables = new("table");
    private readonly IndexSpace _memories = new("memory");
    private readonly IndexSpace _globals = new("global");
    private readonly IndexSpace _elems = new("elem segment");
    private readonly IndexSpace _datas = new("data segment");

    private readonly ModuleSections _out = new();
    private readonly ByteWriter _strings = new();

    // Running indices of pass 2: imports and definitions are numbered in textual order (imports come first).
    private uint _nextFunc, _nextTable, _nextMemory, _nextGlobal;

    /// <summary>Where the encoded bytes came from, when the caller asked (null: no cost beyond a null check).</summary>
    private readonly SourceMapBuilder? _map;
    /// <summary>Source offset of the keyword of the module field being encoded (where wabt reports a field's errors),
    /// or of the inline <c>export</c> being encoded.</summary>
    private int _fieldSource;

    private ModuleParser(string source, Token[] tokens, int start, int end, SourceMapBuilder? map) : base(source, tokens, start)
    {
        _end = end;
        _map = map;
    }

    /// <summary>Encodes the module fields in tokens [start, end), with a name section when <paramref name="debugNames"/>.</summary>
    public static byte[] Encode(string source, Token[] tokens, int start, int end, bool debugNames, string? moduleName) =>
        Encode(source, tokens, start, end, debugNames, moduleName, out _, mapped: false);

    /// <summary>Like <see cref="Encode(string, Token[], int, int, bool, string?)"/>; with <paramref name="mapped"/>
    /// also the map from binary offsets back to the text (else <paramref name="sourceMap"/> is null).</summary>
    public static byte[] Encode(string source, Token[] tokens, int start, int end, bool debugNames, string? moduleName,
        out WatSourceMap? sourceMap, bool mapped)
    {
        var parser = new ModuleParser(source, tokens, start, end, mapped ? new SourceMapBuilder() : null);
        parser.DeclareFields();
        parser.Pos = start;
        parser.EncodeFields();
        var layout = mapped ? new ModuleSections.Layout() : null;
        var binary = parser._out.ToBinary(parser._types, layout);
        sourceMap = layout is null ? null : parser._map!.Build(source, layout);
        return debugNames ? NameSectionEncoder.Append(binary, moduleName, parser._funcs) : binary;
    }

    /// <summary>Starts the next element of <paramref name="section"/> for the current module field.</summary>
    private ByteWriter Add(ModuleSections.Section section)
    {
        _map?.Field(section.Id, section.Body.Length, _fieldSource);
        return section.Add();
    }

    /// <summary>The index about to be written to <paramref name="section"/>'s current element came from
    /// <paramref name="at"/> (an out-of-range index is reported there, as wabt does).</summary>
    private void MarkIndex(ModuleSections.Section section, in Token at) => _map?.Field(section.Id, section.Body.Length, at.Start);

    /// <summary>The instruction about to be written to <paramref name="w"/> is the one at <paramref name="at"/>.</summary>
    private void Mark(ByteWriter w, in Token at) => _map?.Mark(w.Length, at.Start);

    private void DeclareFields()
    {
        bool definitionSeen = false;
        while (Pos < _end)
        {
            int open = Pos;
            ExpectLParen("a module field");
            var keyword = Expect(TokenKind.Keyword, "a module field");
            switch (TextOf(keyword))
            {
                case "type": DeclareType(); break;
                case "import": DeclareImport(keyword, definitionSeen); break;
                case "func": definitionSeen |= !DeclareImportable(_funcs, definitionSeen); break;
                case "table": definitionSeen |= !DeclareTable(definitionSeen); break;
                case "memory": definitionSeen |= !DeclareMemory(definitionSeen); break;
                case "global": definitionSeen |= !DeclareImportable(_globals, definitionSeen); break;
                case "elem": Define(_elems, OptionalIdToken()); break;
                case "data": Define(_datas, OptionalIdToken()); break;
                case "export" or "start": break;
                default: throw Error(keyword, $"unexpected token \"{TextOf(keyword)}\", expected a module field");
            }
            Pos = Tokens[open].Match + 1;
        }
        if (Pos != _end) throw Unexpected("a module field");
        _explicitTypes = _types.Count;
    }

    private void DeclareType()
    {
        Define(_typeNames, OptionalIdToken());
        ExpectField("func");
        var (parameters, results) = ParseSignature(allowNames: true, null);
        _types.Add(new FuncType(parameters, results));
        ExpectRParen();
        ExpectRParen();
    }

    private void DeclareImport(in Token keyword, bool definitionSeen)
    {
        if (definitionSeen) throw Error(keyword, "import after a function, table, memory or global definition");
        Expect(TokenKind.String, "the import module name");
        Expect(TokenKind.String, "the import name");
        ExpectLParen("an import description");
        var kind = Expect(TokenKind.Keyword, "an import description");
        var space = TextOf(kind) switch
        {
            "func" => _funcs,
            "table" => _tables,
            "memory" => _memories,
            "global" => _globals,
            _ => throw Error(kind, $"unexpected token \"{TextOf(kind)}\", expected an import description"),
        };
        Define(space, OptionalIdToken());
    }

    /// <summary>Declares a func/table/memory/global; returns true if it is an inline import.</summary>
    private bool DeclareImportable(IndexSpace space, bool definitionSeen)
    {
        Define(space, OptionalIdToken());
        while (PeekField("export")) SkipSExpr();
        bool import = PeekField("import");
        if (import && definitionSeen) throw Error("import after a function, table, memory or global definition");
        return import;
    }

    private bool DeclareTable(bool definitionSeen)
    {
        bool import = DeclareImportable(_tables, definitionSeen);
        // (table reftype (elem ...)) also defines an element segment, right after the table.
        if (!import && Peek.Kind == TokenKind.Keyword && PeekAt(1).Kind == TokenKind.LParen && IsKeyword(PeekAt(2), "elem"))
            Define(_elems, default);
        return import;
    }

    private bool DeclareMemory(bool definitionSeen)
    {
        bool import = DeclareImportable(_memories, definitionSeen);
        if (!import && PeekField("data")) Define(_datas, default);
        return import;
    }

    private void Define(IndexSpace space, in Token id)
    {
        var name = id.Kind == TokenKind.Id ? TextOf(id) : default;
        if (!space.TryDefine(name, out _)) throw Error(id, $"duplicate {space.Kind} {name}");
    }

    private void EncodeFields()
    {
        while (Pos < _end)
        {
            int open = Pos;
            _fieldSource = Tokens[open + 1].Start;
            _map?.DropPending();
            Pos++;
            var keyword = Next();
            switch (TextOf(keyword))
            {
                case "type": break;
                case "import": EncodeImport(); break;
                case "func": EncodeFunc(); break;
                case "table": EncodeTable(); break;
                case "memory": EncodeMemory(); break;
                case "global": EncodeGlobal(); break;
                case "export": EncodeExport(); break;
                case "start": EncodeStart(); break;
                case "elem": EncodeElem(); break;
                case "data": EncodeData(); break;
            }
            if (TextOf(keyword) is not "type") ExpectEndOfField(open);
            Pos = Tokens[open].Match + 1;
        }
    }

    private void ExpectEndOfField(int open)
    {
        if (Pos != Tokens[open].Match) throw Unexpected("\")\"");
    }
}
