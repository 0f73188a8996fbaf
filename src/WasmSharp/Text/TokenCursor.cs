namespace WasmSharp.Text;

/// <summary>Reads a token array left to right; the shared footing of the module and script parsers.</summary>
internal class TokenCursor
{
    protected readonly string Source;
    protected readonly Token[] Tokens;
    protected int Pos;

    protected TokenCursor(string source, Token[] tokens, int pos)
    {
        Source = source;
        Tokens = tokens;
        Pos = pos;
    }

    protected ref readonly Token Peek => ref Tokens[Pos];

    protected ref readonly Token PeekAt(int ahead) => ref Tokens[Math.Min(Pos + ahead, Tokens.Length - 1)];

    protected ReadOnlySpan<char> TextOf(in Token t) => Source.AsSpan(t.Start, t.Length);

    protected bool PeekIs(TokenKind kind) => Tokens[Pos].Kind == kind;

    protected bool PeekKeyword(string keyword) => IsKeyword(Peek, keyword);

    /// <summary>True if the next tokens are <c>(</c> followed by <paramref name="keyword"/>.</summary>
    protected bool PeekField(string keyword) => Peek.Kind == TokenKind.LParen && IsKeyword(PeekAt(1), keyword);

    protected bool IsKeyword(in Token t, string keyword) => t.Kind == TokenKind.Keyword && TextOf(t).SequenceEqual(keyword);

    protected Token Next()
    {
        var t = Tokens[Pos];
        if (t.Kind != TokenKind.Eof) Pos++;
        return t;
    }

    protected Token Expect(TokenKind kind, string expected)
    {
        if (Peek.Kind != kind) throw Unexpected(expected);
        return Next();
    }

    protected void ExpectLParen(string expected) => Expect(TokenKind.LParen, expected);

    protected void ExpectRParen() => Expect(TokenKind.RParen, "\")\"");

    protected void ExpectKeyword(string keyword)
    {
        if (!PeekKeyword(keyword)) throw Unexpected($"\"{keyword}\"");
        Pos++;
    }

    /// <summary>Consumes <c>( keyword</c>.</summary>
    protected void ExpectField(string keyword)
    {
        if (!PeekField(keyword)) throw Unexpected($"\"({keyword}\"");
        Pos += 2;
    }

    /// <summary>Skips a balanced S-expression starting at the current <c>(</c>.</summary>
    protected void SkipSExpr() => Pos = Tokens[Pos].Match + 1;

    /// <summary>An optional <c>$id</c>: its token, or a default token (not an Id) when absent.</summary>
    protected Token OptionalIdToken() => PeekIs(TokenKind.Id) ? Next() : default;

    protected string? OptionalId() => PeekIs(TokenKind.Id) ? TextOf(Next()).ToString() : null;

    protected WatParseException Error(in Token t, string problem) => WatParseException.At(Source, t.Start, problem);

    protected WatParseException Error(string problem) => Error(Peek, problem);

    protected WatParseException Unexpected(string expected) =>
        Error(Peek, $"unexpected {Describe(Peek)}, expected {expected}");

    protected string Describe(in Token t)
    {
        if (t.Kind == TokenKind.Eof) return "end of input";
        var text = TextOf(t);
        if (text.Length > 40) text = text[..40];
        return $"token \"{text}\"";
    }
}
