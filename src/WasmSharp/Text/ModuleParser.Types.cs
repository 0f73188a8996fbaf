namespace WasmSharp.Text;

// Value types, function signatures, type uses, limits and indices.
internal sealed partial class ModuleParser
{
    private readonly List<ValType> _sigParams = [];
    private readonly List<ValType> _sigResults = [];
    private readonly List<string?> _paramNames = [];
    private bool _sigHadClauses;

    private ValType ParseValType()
    {
        if (Peek.Kind == TokenKind.Keyword && TryValType(TextOf(Peek), out var t))
        {
            Pos++;
            return t;
        }
        throw Unexpected("a value type");
    }

    private ValType ParseRefType()
    {
        var t = ParseValType();
        if (!t.IsRef()) throw Error(Tokens[Pos - 1], "unexpected token, expected a reference type");
        return t;
    }

    internal static bool TryValType(ReadOnlySpan<char> s, out ValType t)
    {
        switch (s)
        {
            case "i32": t = ValType.I32; return true;
            case "i64": t = ValType.I64; return true;
            case "f32": t = ValType.F32; return true;
            case "f64": t = ValType.F64; return true;
            case "v128": t = ValType.V128; return true;
            case "funcref": t = ValType.FuncRef; return true;
            case "externref": t = ValType.ExternRef; return true;
            default: t = default; return false;
        }
    }

    /// <summary><c>(param ...)* (result ...)*</c> as arrays (for type definitions).</summary>
    private (ValType[] Params, ValType[] Results) ParseSignature(bool allowNames, List<string?>? names)
    {
        ParseSignatureInto(allowNames, names);
        return (_sigParams.ToArray(), _sigResults.ToArray());
    }

    /// <summary>
    /// Fills <see cref="_sigParams"/>/<see cref="_sigResults"/>. A named parameter <c>(param $x t)</c> has exactly
    /// one type; names are recorded in <paramref name="names"/> when given.
    /// </summary>
    private void ParseSignatureInto(bool allowNames, List<string?>? names)
    {
        _sigParams.Clear();
        _sigResults.Clear();
        names?.Clear();
        _sigHadClauses = false;
        while (PeekField("param"))
        {
            _sigHadClauses = true;
            Pos += 2;
            if (PeekIs(TokenKind.Id))
            {
                if (!allowNames) throw Unexpected("a value type");
                var id = Next();
                _sigParams.Add(ParseValType());
                names?.Add(TextOf(id).ToString());
            }
            else
            {
                while (!PeekIs(TokenKind.RParen))
                {
                    _sigParams.Add(ParseValType());
                    names?.Add(null);
                }
            }
            ExpectRParen();
        }
        while (PeekField("result"))
        {
            _sigHadClauses = true;
            Pos += 2;
            while (!PeekIs(TokenKind.RParen)) _sigResults.Add(ParseValType());
            ExpectRParen();
        }
    }

    /// <summary>An optional <c>(type x)</c>; -1 when absent.</summary>
    private long ParseOptionalTypeRef()
    {
        if (!PeekField("type")) return -1;
        Pos += 2;
        uint index = ParseIndex(_typeNames);
        ExpectRParen();
        return index;
    }

    /// <summary>
    /// A type use (spec 6.6.3): <c>(type x)?</c> then an inline signature. Without <c>(type x)</c> the first equal
    /// type is used, or a new one is appended. With both, they must agree.
    /// </summary>
    private uint ParseTypeUse(bool allowNames, List<string?>? names, out FuncType sig)
    {
        var typeToken = Peek;
        long explicitIndex = ParseOptionalTypeRef();
        ParseSignatureInto(allowNames, names);
        if (explicitIndex < 0)
        {
            uint index = FindOrAddType();
            sig = _types[(int)index];
            return index;
        }
        sig = CheckExplicitType(typeToken, explicitIndex);
        return (uint)explicitIndex;
    }

    /// <summary>The type named by <c>(type x)</c>; inline parameters and results given with it must match it.</summary>
    private FuncType CheckExplicitType(in Token at, long index)
    {
        if (!_sigHadClauses) return index < _types.Count ? _types[(int)index] : FuncType.Empty;
        if (index >= _explicitTypes) throw Error(at, $"unknown type {index}");
        var type = _types[(int)index];
        if (!type.Matches(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sigParams),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sigResults)))
            throw Error(at, "inline function type does not match the referenced type");
        return type;
    }

    private uint FindOrAddType()
    {
        var ps = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sigParams);
        var rs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sigResults);
        for (int i = 0; i < _types.Count; i++)
        {
            if (_types[i].Matches(ps, rs)) return (uint)i;
        }
        _types.Add(new FuncType(ps.ToArray(), rs.ToArray()));
        return (uint)(_types.Count - 1);
    }

    private void ParseLimits(ByteWriter w)
    {
        uint min = ParseU32("a limit");
        if (PeekIs(TokenKind.Number))
        {
            uint max = ParseU32("a limit");
            w.Byte(0x01);
            w.U32(min);
            w.U32(max);
        }
        else
        {
            w.Byte(0x00);
            w.U32(min);
        }
    }

    private void ParseGlobalType(ByteWriter w)
    {
        if (PeekField("mut"))
        {
            Pos += 2;
            w.Byte((byte)ParseValType());
            w.Byte(0x01);
            ExpectRParen();
        }
        else
        {
            w.Byte((byte)ParseValType());
            w.Byte(0x00);
        }
    }

    private uint ParseU32(string what)
    {
        var t = Expect(TokenKind.Number, what);
        if (!IntegerLiteral.TryParseU32(TextOf(t), out uint v)) throw Error(t, $"malformed {what}: \"{TextOf(t)}\" is not a u32");
        return v;
    }

    private bool PeekIndex => Peek.Kind is TokenKind.Number or TokenKind.Id;

    /// <summary>An index: a u32 literal or a symbolic <c>$id</c> bound in <paramref name="space"/>.</summary>
    private uint ParseIndex(IndexSpace space)
    {
        var t = Peek;
        if (t.Kind == TokenKind.Number) return ParseU32($"{space.Kind} index");
        if (t.Kind != TokenKind.Id) throw Unexpected($"a {space.Kind} index");
        Pos++;
        if (!space.TryResolve(TextOf(t), out uint index)) throw Error(t, $"unknown {space.Kind} {TextOf(t)}");
        return index;
    }

    private uint ParseOptionalIndex(IndexSpace space) => PeekIndex ? ParseIndex(space) : 0;
}
