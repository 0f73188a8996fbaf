using System.Numerics;

namespace WasmSharp.Text;

// Instructions in flat and folded form (spec 6.5), encoded straight into a byte writer.
internal sealed partial class ModuleParser
{
    /// <summary>Enclosing block labels, innermost last: the <c>$id</c> token, or a default token when unnamed.</summary>
    private readonly List<Token> _labels = [];
    private readonly List<uint> _brTargets = [];
    private readonly Stack<ByteWriter> _scratch = new();

    /// <summary>Nesting is parsed recursively; absurdly deep input is rejected instead of overflowing the stack.</summary>
    private void EnsureStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error("instructions nested too deeply");
    }

    /// <summary>An expression: instructions up to the closing parenthesis, then <c>end</c>.</summary>
    private void ParseExpression(ByteWriter w)
    {
        _labels.Clear();
        ParseInstrs(w);
        if (!PeekIs(TokenKind.RParen)) throw Unexpected("an instruction");
        w.Byte(0x0B);
    }

    /// <summary>Instructions until <c>)</c>, <c>end</c> or <c>else</c>, which the caller handles.</summary>
    private void ParseInstrs(ByteWriter w)
    {
        while (true)
        {
            ref readonly var t = ref Peek;
            if (t.Kind == TokenKind.LParen) ParseFolded(w);
            else if (t.Kind == TokenKind.Keyword)
            {
                if (IsKeyword(t, "end") || IsKeyword(t, "else")) return;
                ParsePlain(w);
            }
            else if (t.Kind is TokenKind.RParen or TokenKind.Eof) return;
            else throw Unexpected("an instruction");
        }
    }

    private OpInfo ReadOp()
    {
        var t = Expect(TokenKind.Keyword, "an instruction");
        if (!Instructions.TryGet(TextOf(t), out var op)) throw Error(t, $"unknown operator \"{TextOf(t)}\"");
        return op;
    }

    private void ParsePlain(ByteWriter w)
    {
        var at = Peek;
        var op = ReadOp();
        Mark(w, at);
        switch (op.Imm)
        {
            case Immediate.Block or Immediate.Loop or Immediate.If:
                ParseFlatBlock(op, w);
                break;
            case Immediate.Else or Immediate.End:
                throw Error(at, $"unexpected token \"{TextOf(at)}\"");
            default:
                EncodeInstr(op, w);
                break;
        }
    }

    /// <summary><c>block label bt instr* end id?</c>, and <c>if</c> with an optional <c>else id? instr*</c>.</summary>
    private void ParseFlatBlock(OpInfo op, ByteWriter w)
    {
        EnsureStack();
        var label = OptionalIdToken();
        w.Byte((byte)op.Code);
        ParseBlockType(w);
        _labels.Add(label);
        ParseInstrs(w);
        if (op.Imm == Immediate.If && PeekKeyword("else"))
        {
            Pos++;
            CheckEndLabel(label);
            ParseElse(w);
        }
        var end = Peek;
        ExpectKeyword("end");
        CheckEndLabel(label);
        _labels.RemoveAt(_labels.Count - 1);
        Mark(w, end);
        w.Byte(0x0B);
    }

    /// <summary>The else arm; like wabt, an empty one is not encoded at all.</summary>
    private void ParseElse(ByteWriter w)
    {
        int mark = w.Length;
        Mark(w, Tokens[Pos - 1]); // the else keyword
        w.Byte(0x05);
        ParseInstrs(w);
        if (w.Length == mark + 1) w.Truncate(mark);
    }

    /// <summary>A label after <c>end</c> or <c>else</c> must repeat the block's own label.</summary>
    private void CheckEndLabel(in Token label)
    {
        if (!PeekIs(TokenKind.Id)) return;
        var t = Next();
        if (label.Kind != TokenKind.Id || !TextOf(t).SequenceEqual(TextOf(label))) throw Error(t, $"mismatching label {TextOf(t)}");
    }

    private void ParseFolded(ByteWriter w)
    {
        EnsureStack();
        ExpectLParen("an instruction");
        var at = Peek;
        var op = ReadOp();
        switch (op.Imm)
        {
            case Immediate.Block or Immediate.Loop:
            {
                var label = OptionalIdToken();
                Mark(w, at);
                w.Byte((byte)op.Code);
                ParseBlockType(w);
                _labels.Add(label);
                ParseInstrs(w);
                ExpectRParen();
                _labels.RemoveAt(_labels.Count - 1);
                Mark(w, at); // a folded block's end is its keyword's
                w.Byte(0x0B);
                return;
            }
            case Immediate.If:
                ParseFoldedIf(w, at);
                return;
            case Immediate.Else or Immediate.End:
                throw Error(at, $"unexpected token \"{TextOf(at)}\"");
        }
        // Immediates are encoded aside; the operands, folded inside, are emitted first.
        var instr = RentScratch();
        EncodeInstr(op, instr);
        while (PeekIs(TokenKind.LParen)) ParseFolded(w);
        ExpectRParen();
        Mark(w, at);
        w.Bytes(instr.Span);
        _scratch.Push(instr);
    }

    /// <summary>A cleared writer for bytes that must wait for nested operands; give it back with <c>_scratch.Push</c>.</summary>
    private ByteWriter RentScratch()
    {
        var w = _scratch.Count > 0 ? _scratch.Pop() : new ByteWriter(32);
        w.Clear();
        return w;
    }

    /// <summary><c>(if label bt folded* (then instr*) (else instr*)?)</c>: the conditions run before the if.</summary>
    private void ParseFoldedIf(ByteWriter w, in Token at)
    {
        var label = OptionalIdToken();
        var blockType = RentScratch();
        ParseBlockType(blockType);
        while (PeekIs(TokenKind.LParen) && !PeekField("then")) ParseFolded(w);
        Mark(w, at);
        w.Byte(0x04);
        w.Bytes(blockType.Span);
        _scratch.Push(blockType);
        _labels.Add(label);
        ExpectField("then");
        ParseInstrs(w);
        ExpectRParen();
        if (PeekField("else"))
        {
            Pos += 2;
            ParseElse(w);
            ExpectRParen();
        }
        ExpectRParen();
        _labels.RemoveAt(_labels.Count - 1);
        Mark(w, at);
        w.Byte(0x0B);
    }

    /// <summary>
    /// A block type: empty, one result, or a type index. Like wabt, a signature with no parameters and at most
    /// one result is written inline even when given as <c>(type x)</c>; others get an (implicit) type.
    /// </summary>
    private void ParseBlockType(ByteWriter w)
    {
        var typeToken = Peek;
        long explicitIndex = ParseOptionalTypeRef();
        ParseSignatureInto(allowNames: false, null);
        if (explicitIndex >= 0)
        {
            var sig = CheckExplicitType(typeToken, explicitIndex);
            if (explicitIndex >= _types.Count) w.S64(explicitIndex);
            else if (sig.Params.Length == 0 && sig.Results.Length <= 1) WriteInlineBlockType(w, sig.Results);
            else w.S64(explicitIndex);
            return;
        }
        if (_sigParams.Count == 0 && _sigResults.Count <= 1)
        {
            WriteInlineBlockType(w, _sigResults);
            return;
        }
        w.S64(FindOrAddType());
    }

    private static void WriteInlineBlockType(ByteWriter w, IReadOnlyList<ValType> results) =>
        w.Byte(results.Count == 0 ? (byte)0x40 : (byte)results[0]);

    private void WriteOpcode(OpInfo op, ByteWriter w)
    {
        if (op.Prefix != 0)
        {
            w.Byte(op.Prefix);
            w.U32(op.Code);
        }
        else w.Byte((byte)op.Code);
    }

    /// <summary>Writes a non-structured instruction with its immediates read from the tokens.</summary>
    private void EncodeInstr(OpInfo op, ByteWriter w)
    {
        if (op.Imm == Immediate.Select)
        {
            EncodeSelect(w);
            return;
        }
        WriteOpcode(op, w);
        switch (op.Imm)
        {
            case Immediate.None: break;
            case Immediate.Label: w.U32(ParseLabel()); break;
            case Immediate.BrTable: EncodeBrTable(w); break;
            case Immediate.Func: w.U32(ParseIndex(_funcs)); break;
            case Immediate.CallIndirect: EncodeCallIndirect(w); break;
            case Immediate.Local: w.U32(ParseIndex(_locals)); break;
            case Immediate.Global: w.U32(ParseIndex(_globals)); break;
            case Immediate.Table: w.U32(ParseOptionalIndex(_tables)); break;
            case Immediate.TableInit: EncodeTableInit(w); break;
            case Immediate.TableCopy: EncodeTableCopy(w); break;
            case Immediate.Elem: w.U32(ParseIndex(_elems)); break;
            case Immediate.Data:
                w.U32(ParseIndex(_datas));
                _out.NeedsDataCount = true;
                break;
            case Immediate.MemoryInit:
                w.U32(ParseIndex(_datas));
                w.Byte(0x00);
                _out.NeedsDataCount = true;
                break;
            case Immediate.Memory: w.Byte(0x00); break;
            case Immediate.MemoryCopy: w.Byte(0x00); w.Byte(0x00); break;
            case Immediate.MemArg: EncodeMemArg(op.Align, w); break;
            case Immediate.MemArgLane:
                EncodeMemArg(op.Align, w);
                w.Byte(ParseLaneIndex());
                break;
            case Immediate.I32: w.S32((int)ParseInt(32)); break;
            case Immediate.I64: w.S64((long)ParseInt(64)); break;
            case Immediate.F32: w.F32Bits(ParseF32()); break;
            case Immediate.F64: w.F64Bits(ParseF64()); break;
            case Immediate.V128: EncodeV128(w); break;
            case Immediate.Shuffle:
                for (int i = 0; i < 16; i++) w.Byte(ParseLaneIndex());
                break;
            case Immediate.Lane: w.Byte(ParseLaneIndex()); break;
            case Immediate.RefNull: w.Byte((byte)ParseHeapType()); break;
            default: throw new InvalidOperationException($"unhandled immediate {op.Imm}");
        }
    }

    /// <summary><c>select</c> is 0x1B; with <c>(result t*)</c> it is the typed 0x1C.</summary>
    private void EncodeSelect(ByteWriter w)
    {
        if (!PeekField("result"))
        {
            w.Byte(0x1B);
            return;
        }
        var types = new List<ValType>(1);
        while (PeekField("result"))
        {
            Pos += 2;
            while (!PeekIs(TokenKind.RParen)) types.Add(ParseValType());
            ExpectRParen();
        }
        w.Byte(0x1C);
        w.U32((uint)types.Count);
        foreach (var t in types) w.Byte((byte)t);
    }

    private uint ParseLabel()
    {
        var t = Peek;
        if (t.Kind == TokenKind.Number) return ParseU32("label index");
        if (t.Kind != TokenKind.Id) throw Unexpected("a label");
        Pos++;
        var name = TextOf(t);
        for (int i = _labels.Count - 1; i >= 0; i--)
        {
            if (_labels[i].Kind == TokenKind.Id && name.SequenceEqual(TextOf(_labels[i]))) return (uint)(_labels.Count - 1 - i);
        }
        throw Error(t, $"unknown label {name}");
    }

    private void EncodeBrTable(ByteWriter w)
    {
        _brTargets.Clear();
        while (PeekIndex) _brTargets.Add(ParseLabel());
        if (_brTargets.Count == 0) throw Unexpected("a label");
        w.U32((uint)_brTargets.Count - 1);
        foreach (uint target in _brTargets) w.U32(target);
    }

    /// <summary><c>call_indirect x? typeuse</c>: the type index comes first in the binary.</summary>
    private void EncodeCallIndirect(ByteWriter w)
    {
        uint table = ParseOptionalIndex(_tables);
        uint type = ParseTypeUse(allowNames: false, null, out _);
        w.U32(type);
        w.U32(table);
    }

    /// <summary><c>table.init x y</c> or <c>table.init y</c> (table 0); the binary has the segment first.</summary>
    private void EncodeTableInit(ByteWriter w)
    {
        uint table = 0;
        if (PeekAt(1).Kind is TokenKind.Number or TokenKind.Id) table = ParseIndex(_tables);
        w.U32(ParseIndex(_elems));
        w.U32(table);
    }

    private void EncodeTableCopy(ByteWriter w)
    {
        uint dst = 0, src = 0;
        if (PeekIndex)
        {
            dst = ParseIndex(_tables);
            src = ParseIndex(_tables);
        }
        w.U32(dst);
        w.U32(src);
    }

    /// <summary><c>offset=n? align=n?</c>; the alignment must be a power of two and is encoded as its log2.</summary>
    private void EncodeMemArg(byte naturalAlign, ByteWriter w)
    {
        uint offset = 0;
        uint align = naturalAlign;
        if (Peek.Kind == TokenKind.Keyword && TextOf(Peek).StartsWith("offset="))
        {
            var t = Next();
            if (!IntegerLiteral.TryParseU32(TextOf(t)[7..], out offset)) throw Error(t, "malformed memory offset");
        }
        if (Peek.Kind == TokenKind.Keyword && TextOf(Peek).StartsWith("align="))
        {
            var t = Next();
            if (!IntegerLiteral.TryParseU32(TextOf(t)[6..], out uint bytes)) throw Error(t, "malformed alignment");
            if (!BitOperations.IsPow2(bytes)) throw Error(t, "alignment must be a power of two");
            align = (uint)BitOperations.Log2(bytes);
        }
        w.U32(align);
        w.U32(offset);
    }

    private byte ParseLaneIndex()
    {
        var t = Expect(TokenKind.Number, "a lane index");
        if (!IntegerLiteral.TryParseU32(TextOf(t), out uint v) || v > 255) throw Error(t, "malformed lane index");
        return (byte)v;
    }

    private ValType ParseHeapType()
    {
        if (PeekKeyword("func")) { Pos++; return ValType.FuncRef; }
        if (PeekKeyword("extern")) { Pos++; return ValType.ExternRef; }
        throw Unexpected("a heap type (func or extern)");
    }

    private Token NextLiteral(string what)
    {
        if (Peek.Kind is not (TokenKind.Number or TokenKind.Keyword)) throw Unexpected(what);
        return Next();
    }

    private ulong ParseInt(int bits)
    {
        var t = NextLiteral($"an i{bits} literal");
        if (t.Kind != TokenKind.Number || !IntegerLiteral.TryParseInt(TextOf(t), bits, out ulong v))
            throw Error(t, $"malformed i{bits} constant \"{TextOf(t)}\" (or out of range)");
        return v;
    }

    private uint ParseF32()
    {
        var t = NextLiteral("an f32 literal");
        if (!FloatLiteral.TryParseF32(TextOf(t), out uint bits)) throw Error(t, $"malformed f32 constant \"{TextOf(t)}\" (or out of range)");
        return bits;
    }

    private ulong ParseF64()
    {
        var t = NextLiteral("an f64 literal");
        if (!FloatLiteral.TryParseF64(TextOf(t), out ulong bits)) throw Error(t, $"malformed f64 constant \"{TextOf(t)}\" (or out of range)");
        return bits;
    }

    /// <summary><c>v128.const shape lane*</c>: 16 little-endian bytes.</summary>
    private void EncodeV128(ByteWriter w)
    {
        var shapeToken = Expect(TokenKind.Keyword, "a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
        if (!V128Shape.TryParse(TextOf(shapeToken), out var shape))
            throw Error(shapeToken, $"unexpected token \"{TextOf(shapeToken)}\", expected a vector shape");
        UInt128 value = 0;
        for (int lane = 0; lane < shape.LaneCount; lane++)
        {
            var t = NextLiteral($"lane {lane} of {TextOf(shapeToken)}");
            if (!shape.TryParseLane(TextOf(t), out ulong bits)) throw Error(t, $"malformed lane constant \"{TextOf(t)}\" (or out of range)");
            shape.Store(ref value, lane, bits);
        }
        w.F64Bits((ulong)value);
        w.F64Bits((ulong)(value >> 64));
    }
}
