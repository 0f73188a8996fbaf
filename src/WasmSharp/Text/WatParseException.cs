namespace WasmSharp.Text;

/// <summary>Malformed WebAssembly text (WAT or WAST). <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class WatParseException : WasmException
{
    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }
    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>The problem without the position prefix.</summary>
    public string Problem { get; }

    /// <summary>A parse error: <paramref name="problem"/> at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public WatParseException(int line, int column, string problem)
        : base($"{line}:{column}: {problem}")
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Builds the exception for a character offset into <paramref name="source"/>.</summary>
    internal static WatParseException At(string source, int offset, string problem)
    {
        var (line, column) = SourcePosition.Of(source, offset);
        return new WatParseException(line, column, problem);
    }
}
