namespace WasmSharp.Text;

/// <summary>Turns a character offset into a 1-based line and column, only when an error needs it.</summary>
internal static class SourcePosition
{
    public static (int Line, int Column) Of(string source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (source[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, offset - lineStart + 1);
    }
}
