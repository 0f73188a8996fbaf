namespace WasmSharp.Singlepass.X64;

/// <summary>x86 condition codes, valued as the 4-bit tttn field of Jcc/SETcc/CMOVcc.</summary>
internal enum Cond : byte
{
    O = 0x0,
    NO = 0x1,
    /// <summary>Below (unsigned &lt;), also C / NAE.</summary>
    B = 0x2,
    /// <summary>Above or equal (unsigned &gt;=), also NC / NB.</summary>
    AE = 0x3,
    /// <summary>Equal, also Z.</summary>
    E = 0x4,
    /// <summary>Not equal, also NZ.</summary>
    NE = 0x5,
    /// <summary>Below or equal (unsigned &lt;=).</summary>
    BE = 0x6,
    /// <summary>Above (unsigned &gt;).</summary>
    A = 0x7,
    S = 0x8,
    NS = 0x9,
    /// <summary>Parity set: after UCOMIS*, an unordered (NaN) comparison.</summary>
    P = 0xA,
    NP = 0xB,
    /// <summary>Less (signed &lt;).</summary>
    L = 0xC,
    /// <summary>Greater or equal (signed &gt;=).</summary>
    GE = 0xD,
    /// <summary>Less or equal (signed &lt;=).</summary>
    LE = 0xE,
    /// <summary>Greater (signed &gt;).</summary>
    G = 0xF,
}

internal static class CondExtensions
{
    /// <summary>The opposite condition: the encoding pairs each with its negation in the low bit.</summary>
    public static Cond Negate(this Cond c) => (Cond)((int)c ^ 1);
}
