using WasmSharp.Text.Script;

namespace WasmSharp.Text;

/// <summary>Parses a <c>.wast</c> spec test script into the shared script model.</summary>
public static class WastParser
{
    /// <summary>
    /// Reads every command of <paramref name="text"/>. Text modules are encoded to binary, except in
    /// <c>assert_malformed</c>/<c>assert_invalid</c> (kept as text) and <c>(module quote ...)</c>.
    /// Throws <see cref="WatParseException"/> on malformed scripts.
    /// </summary>
    public static Script.Script Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lexer.Tokenize(text);
        var commands = new ScriptReader(text, tokens, fileName).ReadCommands();
        return new Script.Script(fileName, commands);
    }
}
