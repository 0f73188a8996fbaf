using System.Text;
using WasmSharp.Text.Script;

namespace WasmSharp.Text;

/// <summary>The commands of a script (spec interpreter's script grammar), over the tokens of the whole file.</summary>
internal sealed class ScriptReader(string source, Token[] tokens, string fileName) : TokenCursor(source, tokens, 0)
{
    private readonly ByteWriter _bytes = new(256);
    private int _lineOffset, _line = 1;

    public List<ScriptCommand> ReadCommands()
    {
        var commands = new List<ScriptCommand>();
        if (IsInlineModule())
        {
            var bytes = ModuleParser.Encode(Source, Tokens, 0, Tokens.Length - 1, debugNames: false, moduleName: null);
            int line = LineOf(PeekAt(1));
            commands.Add(new ModuleCommand(line, null, ModuleSource.FromBinary(bytes, $"{fileName}:{line}")));
            return commands;
        }
        while (!PeekIs(TokenKind.Eof)) commands.Add(ReadCommand());
        return commands;
    }

    /// <summary>A script may be just the fields of one module (spec: <c>script ::= cmd* | modulefield*</c>).</summary>
    private bool IsInlineModule() =>
        PeekIs(TokenKind.LParen) && PeekAt(1).Kind == TokenKind.Keyword
        && TextOf(PeekAt(1)) is "type" or "import" or "func" or "table" or "memory" or "global" or "export" or "start" or "elem" or "data";

    /// <summary>Commands are numbered by the line of their keyword, as wast2json does.</summary>
    /// Lines are counted forward from the last lookup, so a whole script costs one pass.
    private int LineOf(in Token t)
    {
        if (t.Start < _lineOffset) (_lineOffset, _line) = (0, 1);
        for (int i = _lineOffset; i < t.Start; i++)
        {
            if (Source[i] == '\n') _line++;
        }
        _lineOffset = t.Start;
        return _line;
    }

    private ScriptCommand ReadCommand()
    {
        if (!PeekIs(TokenKind.LParen)) throw Unexpected("a command");
        var keyword = PeekAt(1);
        if (keyword.Kind != TokenKind.Keyword) { Pos++; throw Unexpected("a command"); }
        int line = LineOf(keyword);
        switch (TextOf(keyword))
        {
            case "module":
            {
                var (name, module) = ReadModule(encodeText: true);
                return new ModuleCommand(line, name, module);
            }
            case "register":
            {
                Pos += 2;
                string name = ReadUtf8String();
                string? module = OptionalId();
                ExpectRParen();
                return new RegisterCommand(line, name, module);
            }
            case "invoke" or "get":
                return new ActionCommand(line, ReadAction());
            case "assert_return": return ReadAssertReturn();
            case "assert_trap": return ReadAssertTrap();
            case "assert_exhaustion":
            {
                Pos += 2;
                int actionLine = LineOf(PeekAt(1));
                var action = ReadAction();
                string text = ReadUtf8String();
                ExpectRParen();
                return new AssertExhaustionCommand(actionLine, action, text);
            }
            case "assert_malformed": return ReadModuleAssertion(ModuleAssertion.Malformed, encodeText: false);
            case "assert_invalid": return ReadModuleAssertion(ModuleAssertion.Invalid, encodeText: false);
            case "assert_unlinkable": return ReadModuleAssertion(ModuleAssertion.Unlinkable, encodeText: true);
            case "assert_uninstantiable": return ReadModuleAssertion(ModuleAssertion.Uninstantiable, encodeText: true);
            default:
                Pos++;
                throw Unexpected("a command");
        }
    }

    private AssertReturnCommand ReadAssertReturn()
    {
        Pos += 2;
        int line = LineOf(PeekAt(1));
        var action = ReadAction();
        var expected = new List<ExpectedValue>();
        while (PeekIs(TokenKind.LParen)) expected.Add(ReadExpected());
        ExpectRParen();
        return new AssertReturnCommand(line, action, expected.ToArray());
    }

    /// <summary><c>assert_trap</c> on an action, or on a module whose instantiation must trap.</summary>
    private ScriptCommand ReadAssertTrap()
    {
        Pos += 2;
        int line = LineOf(PeekAt(1));
        if (PeekField("module"))
        {
            var (_, module) = ReadModule(encodeText: true);
            string text = ReadUtf8String();
            ExpectRParen();
            return new AssertModuleCommand(line, ModuleAssertion.Uninstantiable, module, text);
        }
        var action = ReadAction();
        string message = ReadUtf8String();
        ExpectRParen();
        return new AssertTrapCommand(line, action, message);
    }

    private AssertModuleCommand ReadModuleAssertion(ModuleAssertion kind, bool encodeText)
    {
        Pos += 2;
        int line = LineOf(PeekAt(1));
        var (_, module) = ReadModule(encodeText);
        string text = ReadUtf8String();
        ExpectRParen();
        return new AssertModuleCommand(line, kind, module, text);
    }

    /// <summary>
    /// <c>(module $id? binary "..."*)</c>, <c>(module $id? quote "..."*)</c> or a text module. A text module is
    /// encoded when <paramref name="encodeText"/>, else kept as its source text.
    /// </summary>
    private (string? Name, ModuleSource Module) ReadModule(bool encodeText)
    {
        int open = Pos;
        var openToken = Peek;
        ExpectField("module");
        string? name = OptionalId();
        string description = $"{fileName}:{LineOf(Tokens[open + 1])}";
        ModuleSource module;
        if (PeekKeyword("binary"))
        {
            Pos++;
            module = ModuleSource.FromBinary(ReadStrings(), description);
        }
        else if (PeekKeyword("quote"))
        {
            Pos++;
            module = ModuleSource.FromText(SourceText.FromUtf8(ReadStrings()), description);
        }
        else if (encodeText)
        {
            module = ModuleSource.FromBinary(Wat.ModuleToBinary(Source, Tokens, open), description);
        }
        else
        {
            int end = Tokens[open].Match;
            module = ModuleSource.FromText(Source[openToken.Start..Tokens[end].End], description);
        }
        Pos = Tokens[open].Match;
        ExpectRParen();
        return (name, module);
    }

    private byte[] ReadStrings()
    {
        _bytes.Clear();
        while (PeekIs(TokenKind.String)) StringLiteral.Decode(Source, Next(), _bytes);
        if (!PeekIs(TokenKind.RParen)) throw Unexpected("a string or \")\"");
        return _bytes.ToArray();
    }

    private string ReadUtf8String()
    {
        var t = Expect(TokenKind.String, "a string");
        _bytes.Clear();
        StringLiteral.Decode(Source, t, _bytes);
        return Encoding.UTF8.GetString(_bytes.Span);
    }

    /// <summary><c>(invoke $id? "name" const*)</c> or <c>(get $id? "name")</c>.</summary>
    private ScriptAction ReadAction()
    {
        ExpectLParen("an action");
        var keyword = Expect(TokenKind.Keyword, "an action (invoke or get)");
        string? module = OptionalId();
        string field = ReadUtf8String();
        if (TextOf(keyword).SequenceEqual("get"))
        {
            ExpectRParen();
            return new GetAction(module, field);
        }
        if (!TextOf(keyword).SequenceEqual("invoke")) throw Error(keyword, $"unexpected token \"{TextOf(keyword)}\", expected an action");
        var args = new List<ScriptValue>();
        while (PeekIs(TokenKind.LParen)) args.Add(ReadConst());
        ExpectRParen();
        return new InvokeAction(module, field, args.ToArray());
    }

    private ScriptValue ReadConst()
    {
        var (value, _) = ReadValue(allowPatterns: false);
        return value;
    }

    private ExpectedValue ReadExpected()
    {
        var (value, expected) = ReadValue(allowPatterns: true);
        return expected ?? ExpectedValue.Exact(value);
    }

    /// <summary>
    /// A constant <c>(t.const ...)</c> or reference. With <paramref name="allowPatterns"/>, NaN patterns and
    /// <c>(ref.func)</c> are accepted and returned as an <see cref="ExpectedValue"/>.
    /// </summary>
    private (ScriptValue Value, ExpectedValue? Pattern) ReadValue(bool allowPatterns)
    {
        ExpectLParen("a constant");
        var op = Expect(TokenKind.Keyword, "a constant");
        ScriptValue value;
        ExpectedValue? pattern = null;
        switch (TextOf(op))
        {
            case "i32.const": value = ScriptValue.I32((uint)ReadInt(32)); break;
            case "i64.const": value = ScriptValue.I64(ReadInt(64)); break;
            case "f32.const" or "f64.const":
            {
                var type = TextOf(op)[0..3].SequenceEqual("f32") ? ValType.F32 : ValType.F64;
                var t = NextLiteral();
                var nan = allowPatterns ? NanPatternOf(TextOf(t)) : NanPattern.None;
                if (nan != NanPattern.None)
                {
                    value = new ScriptValue(type, 0);
                    pattern = ExpectedValue.NanOf(type, nan);
                }
                else value = new ScriptValue(type, ParseFloat(type, t));
                break;
            }
            case "v128.const": (value, pattern) = ReadV128(allowPatterns); break;
            case "ref.null":
            {
                var heap = Expect(TokenKind.Keyword, "a heap type");
                value = TextOf(heap) switch
                {
                    "func" => ScriptValue.Null(ValType.FuncRef),
                    "extern" => ScriptValue.Null(ValType.ExternRef),
                    _ => throw Error(heap, $"unexpected token \"{TextOf(heap)}\", expected a heap type"),
                };
                break;
            }
            case "ref.extern":
            {
                var t = Expect(TokenKind.Number, "a host reference number");
                if (!IntegerLiteral.TryParseUnsigned(TextOf(t), out ulong n)) throw Error(t, "malformed host reference number");
                value = ScriptValue.Extern(n);
                break;
            }
            case "ref.func" when allowPatterns:
                value = new ScriptValue(ValType.FuncRef, 0);
                if (PeekIs(TokenKind.Number)) Next();
                pattern = new ExpectedValue(ValType.FuncRef, value, AnyFuncRef: true);
                break;
            default:
                throw Error(op, $"unexpected token \"{TextOf(op)}\", expected a constant");
        }
        ExpectRParen();
        return (value, pattern);
    }

    private (ScriptValue, ExpectedValue?) ReadV128(bool allowPatterns)
    {
        var shapeToken = Expect(TokenKind.Keyword, "a vector shape");
        if (!V128Shape.TryParse(TextOf(shapeToken), out var shape)) throw Error(shapeToken, "unexpected token, expected a vector shape");
        UInt128 bits = 0;
        var lanes = new ExpectedLane[shape.LaneCount];
        bool anyNan = false;
        for (int i = 0; i < lanes.Length; i++)
        {
            var t = NextLiteral();
            var nan = allowPatterns && shape.IsFloat ? NanPatternOf(TextOf(t)) : NanPattern.None;
            if (nan != NanPattern.None)
            {
                lanes[i] = new ExpectedLane(0, nan);
                anyNan = true;
                continue;
            }
            if (!shape.TryParseLane(TextOf(t), out ulong laneBits)) throw Error(t, $"malformed lane constant \"{TextOf(t)}\"");
            shape.Store(ref bits, i, laneBits);
            ulong mask = shape.LaneBits == 64 ? ulong.MaxValue : (1UL << shape.LaneBits) - 1;
            lanes[i] = new ExpectedLane(laneBits & mask);
        }
        var value = ScriptValue.V128((ulong)bits, (ulong)(bits >> 64));
        ExpectedValue? expected = allowPatterns || anyNan
            ? new ExpectedValue(ValType.V128, value, LaneType: shape.LaneType, Lanes: lanes)
            : null;
        return (value, expected);
    }

    private static NanPattern NanPatternOf(ReadOnlySpan<char> s) => s switch
    {
        "nan:canonical" => NanPattern.Canonical,
        "nan:arithmetic" => NanPattern.Arithmetic,
        _ => NanPattern.None,
    };

    private Token NextLiteral()
    {
        if (Peek.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Unexpected("a literal");
        return Next();
    }

    private ulong ReadInt(int bits)
    {
        var t = Expect(TokenKind.Number, $"an i{bits} literal");
        if (!IntegerLiteral.TryParseInt(TextOf(t), bits, out ulong v)) throw Error(t, $"malformed i{bits} constant \"{TextOf(t)}\"");
        return v;
    }

    private ulong ParseFloat(ValType type, in Token t)
    {
        if (type == ValType.F32)
        {
            if (FloatLiteral.TryParseF32(TextOf(t), out uint b)) return b;
        }
        else if (FloatLiteral.TryParseF64(TextOf(t), out ulong b)) return b;
        throw Error(t, $"malformed {type.Name()} constant \"{TextOf(t)}\"");
    }
}
