namespace WasmSharp.Text;

/// <summary>The WebAssembly text format: parses a module and encodes it to the binary format.</summary>
public static class Wat
{
    /// <summary>
    /// Encodes one text module: <c>(module $id? field*)</c> or just its fields (the abbreviated form).
    /// Throws <see cref="WatParseException"/> on malformed text.
    /// </summary>
    public static byte[] ToBinary(string text) => ToBinary(text, debugNames: false);

    /// <summary>
    /// Encodes one text module, like <see cref="ToBinary(string)"/>. With <paramref name="debugNames"/> it also writes a
    /// <c>name</c> section with the module's <c>$id</c> and every function's (as wat2wasm --debug-names does), so
    /// traps in the module show function names in their backtraces.
    /// </summary>
    public static byte[] ToBinary(string text, bool debugNames) => Encode(text, debugNames, out _, mapped: false);

    /// <summary>
    /// Encodes one text module, like <see cref="ToBinary(string, bool)"/>, and maps the binary back to the text:
    /// <paramref name="sourceMap"/> gives the line and column of the instruction or field at a binary offset, e.g.
    /// of an <see cref="InvalidModuleException"/> from validating the result. Costs a little more than encoding alone.
    /// </summary>
    public static byte[] ToBinary(string text, bool debugNames, out WatSourceMap sourceMap)
    {
        var binary = Encode(text, debugNames, out var map, mapped: true);
        sourceMap = map!;
        return binary;
    }

    private static byte[] Encode(string text, bool debugNames, out WatSourceMap? sourceMap, bool mapped)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lexer.Tokenize(text);
        int end = tokens.Length - 1;
        if (tokens[0].Kind == TokenKind.LParen && IsModuleKeyword(text, tokens[1]))
        {
            int close = tokens[0].Match;
            if (close != end - 1)
                throw WatParseException.At(text, tokens[close + 1].Start, "unexpected token after the module");
            return ModuleToBinary(text, tokens, 0, debugNames, out sourceMap, mapped);
        }
        return ModuleParser.Encode(text, tokens, 0, end, debugNames, moduleName: null, out sourceMap, mapped);
    }

    /// <summary>Encodes the text module <c>(module $id? field*)</c> whose <c>(</c> is token <paramref name="open"/>.</summary>
    internal static byte[] ModuleToBinary(string text, Token[] tokens, int open, bool debugNames = false) =>
        ModuleToBinary(text, tokens, open, debugNames, out _, mapped: false);

    private static byte[] ModuleToBinary(string text, Token[] tokens, int open, bool debugNames, out WatSourceMap? sourceMap, bool mapped)
    {
        int start = open + 2;
        string? name = null;
        if (tokens[start].Kind == TokenKind.Id) name = text.Substring(tokens[start].Start + 1, tokens[start++].Length - 1);
        return ModuleParser.Encode(text, tokens, start, tokens[open].Match, debugNames, name, out sourceMap, mapped);
    }

    private static bool IsModuleKeyword(string text, in Token t) =>
        t.Kind == TokenKind.Keyword && text.AsSpan(t.Start, t.Length).SequenceEqual("module");
}
