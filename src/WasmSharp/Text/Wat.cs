namespace WasmSharp.Text;

/// <summary>The WebAssembly text format: parses a module and encodes it to the binary format.</summary>
public static class Wat
{
    /// <summary>
    /// Encodes one text module: <c>(module $id? field*)</c> or just its fields (the abbreviated form).
    /// Throws <see cref="WatParseException"/> on malformed text.
    /// </summary>
    public static byte[] ToBinary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lexer.Tokenize(text);
        int end = tokens.Length - 1;
        if (tokens[0].Kind == TokenKind.LParen && IsModuleKeyword(text, tokens[1]))
        {
            int close = tokens[0].Match;
            if (close != end - 1)
                throw WatParseException.At(text, tokens[close + 1].Start, "unexpected token after the module");
            return ModuleToBinary(text, tokens, 0);
        }
        return ModuleParser.Encode(text, tokens, 0, end);
    }

    /// <summary>Encodes the text module <c>(module $id? field*)</c> whose <c>(</c> is token <paramref name="open"/>.</summary>
    internal static byte[] ModuleToBinary(string text, Token[] tokens, int open)
    {
        int start = open + 2;
        if (tokens[start].Kind == TokenKind.Id) start++;
        return ModuleParser.Encode(text, tokens, start, tokens[open].Match);
    }

    private static bool IsModuleKeyword(string text, in Token t) =>
        t.Kind == TokenKind.Keyword && text.AsSpan(t.Start, t.Length).SequenceEqual("module");
}
