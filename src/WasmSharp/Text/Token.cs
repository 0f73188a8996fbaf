namespace WasmSharp.Text;

/// <summary>The lexical token classes of the text format (spec 6.2.1).</summary>
internal enum TokenKind : byte
{
    LParen,
    RParen,
    /// <summary>Starts with a lowercase letter: instruction names, module field names, <c>offset=</c>...</summary>
    Keyword,
    /// <summary>Starts with <c>$</c>.</summary>
    Id,
    /// <summary>Starts with a digit or a sign: integers and floats, validated when used.</summary>
    Number,
    String,
    /// <summary>Any other run of identifier characters: never valid.</summary>
    Reserved,
    Eof,
}

/// <summary>A token as a span of the source. <see cref="Match"/> links a parenthesis to its partner.</summary>
internal struct Token
{
    public TokenKind Kind;
    public int Start;
    public int Length;
    public int Match;

    public readonly int End => Start + Length;
}
