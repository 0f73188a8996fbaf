namespace WasmSharp.Text;

/// <summary>
/// Splits text into tokens (spec 6.2) and pairs up parentheses, so parsers can skip whole S-expressions.
/// Comments and white space are dropped here; tokens keep offsets into the source, so nothing is copied.
/// </summary>
internal static class Lexer
{
    public static Token[] Tokenize(string source)
    {
        // The spec scripts average about 7 characters per token.
        var tokens = new List<Token>(source.Length / 7 + 16);
        var open = new Stack<int>();
        int i = 0;
        while (true)
        {
            i = SkipTrivia(source, i);
            if (i >= source.Length) break;
            char c = source[i];
            int start = i;
            TokenKind kind;
            if (c == '(') { kind = TokenKind.LParen; i++; }
            else if (c == ')') { kind = TokenKind.RParen; i++; }
            else if (c == '"') { i = ScanString(source, i); kind = TokenKind.String; }
            else if (IsIdChar(c))
            {
                while (i < source.Length && IsIdChar(source[i])) i++;
                // An identifier needs at least one character after the $.
                kind = i - start == 1 && c == '$' ? TokenKind.Reserved : Classify(c);
            }
            else throw WatParseException.At(source, i, $"unexpected character {Describe(c)}");
            if (kind is TokenKind.String or TokenKind.Keyword or TokenKind.Id or TokenKind.Number or TokenKind.Reserved)
                CheckSeparated(source, i, kind);

            var token = new Token { Kind = kind, Start = start, Length = i - start, Match = -1 };
            if (kind == TokenKind.LParen) open.Push(tokens.Count);
            else if (kind == TokenKind.RParen)
            {
                if (open.Count == 0) throw WatParseException.At(source, start, "unexpected \")\"");
                int partner = open.Pop();
                token.Match = partner;
                var opened = tokens[partner];
                opened.Match = tokens.Count;
                tokens[partner] = opened;
            }
            tokens.Add(token);
        }
        if (open.Count > 0)
            throw WatParseException.At(source, source.Length, "unexpected end of input, expected \")\"");
        tokens.Add(new Token { Kind = TokenKind.Eof, Start = source.Length, Length = 0, Match = -1 });
        return tokens.ToArray();
    }

    /// <summary>A string touching another string or an identifier-like token is malformed: <c>(data"a")</c>.</summary>
    private static void CheckSeparated(string source, int i, TokenKind kind)
    {
        if (i >= source.Length) return;
        char c = source[i];
        if (c == '"' || (kind == TokenKind.String && IsIdChar(c)))
            throw WatParseException.At(source, i, "tokens must be separated by white space");
    }

    /// <summary>The identifier characters of spec 6.2.5; a token is a maximal run of them.</summary>
    public static bool IsIdChar(char c) => c switch
    {
        >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' => true,
        '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' or ':'
            or '<' or '=' or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~' => true,
        _ => false,
    };

    private static TokenKind Classify(char first) => first switch
    {
        >= 'a' and <= 'z' => TokenKind.Keyword,
        '$' => TokenKind.Id,
        >= '0' and <= '9' or '+' or '-' => TokenKind.Number,
        _ => TokenKind.Reserved,
    };

    private static int SkipTrivia(string s, int i)
    {
        while (i < s.Length)
        {
            char c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r') i++;
            else if (c == ';' && i + 1 < s.Length && s[i + 1] == ';') i = SkipLineComment(s, i);
            else if (c == '(' && i + 1 < s.Length && s[i + 1] == ';') i = SkipBlockComment(s, i);
            else break;
        }
        return i;
    }

    private static int SkipLineComment(string s, int i)
    {
        while (i < s.Length && s[i] != '\n')
        {
            CheckWellFormed(s, i);
            i++;
        }
        return i;
    }

    /// <summary>Block comments nest: <c>(; (; ;) ;)</c>.</summary>
    private static int SkipBlockComment(string s, int start)
    {
        int depth = 0, i = start;
        while (i < s.Length)
        {
            if (s[i] == '(' && i + 1 < s.Length && s[i + 1] == ';') { depth++; i += 2; }
            else if (s[i] == ';' && i + 1 < s.Length && s[i + 1] == ')')
            {
                depth--; i += 2;
                if (depth == 0) return i;
            }
            else
            {
                CheckWellFormed(s, i);
                i++;
            }
        }
        throw WatParseException.At(s, start, "unclosed block comment");
    }

    /// <summary>Checks the characters and escapes of a string literal; returns the offset after its closing quote.</summary>
    private static int ScanString(string s, int start)
    {
        int i = start + 1;
        while (true)
        {
            if (i >= s.Length) throw WatParseException.At(s, start, "unclosed string literal");
            char c = s[i];
            if (c == '"') return i + 1;
            if (c < 0x20 || c == 0x7F) throw WatParseException.At(s, i, $"illegal character {Describe(c)} in string");
            CheckWellFormed(s, i);
            if (c != '\\') { i++; continue; }
            i = ScanEscape(s, i);
        }
    }

    private static int ScanEscape(string s, int backslash)
    {
        int i = backslash + 1;
        if (i >= s.Length) throw WatParseException.At(s, backslash, "unclosed string literal");
        char c = s[i];
        if (c is 't' or 'n' or 'r' or '"' or '\'' or '\\') return i + 1;
        if (c == 'u') return ScanUnicodeEscape(s, backslash);
        if (i + 1 < s.Length && IsHexDigit(c) && IsHexDigit(s[i + 1])) return i + 2;
        throw WatParseException.At(s, backslash, "illegal escape in string");
    }

    private static int ScanUnicodeEscape(string s, int backslash)
    {
        int i = backslash + 2;
        if (i >= s.Length || s[i] != '{') throw WatParseException.At(s, backslash, "illegal escape in string");
        int close = s.IndexOf('}', i);
        if (close < 0 || !IntegerLiteral.TryParseHexDigits(s.AsSpan(i + 1, close - i - 1), out ulong value)
            || value >= 0x110000 || value is >= 0xD800 and < 0xE000)
            throw WatParseException.At(s, backslash, "illegal unicode escape in string");
        return close + 1;
    }

    /// <summary>
    /// Source text must be valid Unicode (it is UTF-8 in a file). A lone surrogate stands for bytes that were not
    /// valid UTF-8 (see <see cref="SourceText"/>), so it is malformed wherever it appears.
    /// </summary>
    private static void CheckWellFormed(string s, int i)
    {
        char c = s[i];
        if (!char.IsSurrogate(c)) return;
        bool paired = char.IsHighSurrogate(c)
            ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);
        if (!paired) throw WatParseException.At(s, i, "malformed UTF-8 encoding");
    }

    public static bool IsHexDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static string Describe(char c) => c is >= ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";
}
