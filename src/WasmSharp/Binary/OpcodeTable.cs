namespace WasmSharp.Binary;

/// <summary>Static facts about every opcode: name, immediate shape, and for plain operators the signature.</summary>
public static partial class OpcodeTable
{
    /// <summary>Size of the opcode space: single-byte, 0xFC- and 0xFD-prefixed opcodes.</summary>
    public const int Size = 0x300;

    private static readonly string?[] Names = new string?[Size];
    private static readonly ImmediateKind[] Immediates = new ImmediateKind[Size];
    private static readonly bool[] Defined = new bool[Size];
    /// <summary>Plain operators: popped types (up to 3, in push order) then result (0 = none). Null for special ones.</summary>
    private static readonly Signature[] Signatures = new Signature[Size];
    private static readonly sbyte[] NaturalAlign = new sbyte[Size];

    static OpcodeTable() => Fill();

    private static void Def(Opcode op, string name, ImmediateKind imm, string sig, int align)
    {
        int i = (int)op;
        Names[i] = name;
        Immediates[i] = imm;
        Defined[i] = true;
        NaturalAlign[i] = (sbyte)align;
        Signatures[i] = sig == "*" ? default : Signature.Parse(sig);
    }

    /// <summary>Whether <paramref name="op"/> is a WebAssembly 2.0 opcode.</summary>
    public static bool IsDefined(Opcode op) => (uint)op < Size && Defined[(int)op];
    /// <summary>The text name of <paramref name="op"/> (<c>i32.add</c>), or its number in angle brackets.</summary>
    public static string Name(Opcode op) => (uint)op < Size ? Names[(int)op] ?? $"<0x{(int)op:x}>" : $"<0x{(int)op:x}>";
    /// <summary>The shape of <paramref name="op"/>'s immediates.</summary>
    public static ImmediateKind Immediate(Opcode op) => Immediates[(int)op];
    /// <summary>The operand and result types of <paramref name="op"/>.</summary>
    public static ref readonly Signature SignatureOf(Opcode op) => ref Signatures[(int)op];
    /// <summary>log2 of the access size in bytes, for memory operators; -1 otherwise.</summary>
    public static int AlignmentOf(Opcode op) => NaturalAlign[(int)op];

    /// <summary>Looks an operator up by its text name (for tools; not on a hot path).</summary>
    public static Opcode? FromName(string name)
    {
        for (int i = 0; i < Size; i++)
            if (Defined[i] && Names[i] == name) return (Opcode)i;
        return null;
    }

    /// <summary>A fixed signature: up to three operands and at most one result.</summary>
    public readonly struct Signature
    {
        /// <summary>True when the types below are the whole typing rule (no validator special case).</summary>
        public readonly bool IsPlain;
        /// <summary>Number of operands (0 to 3).</summary>
        public readonly byte ParamCount;
        /// <summary>First operand type.</summary>
    public readonly ValType P0;
    /// <summary>Second operand type.</summary>
    public readonly ValType P1;
    /// <summary>Third operand type.</summary>
    public readonly ValType P2;
        /// <summary>0 when there is no result.</summary>
        public readonly ValType Result;

        private Signature(byte count, ValType p0, ValType p1, ValType p2, ValType result)
        {
            IsPlain = true;
            ParamCount = count;
            P0 = p0; P1 = p1; P2 = p2;
            Result = result;
        }

        /// <summary>The type of operand <paramref name="i"/>.</summary>
        public ValType Param(int i) => i switch { 0 => P0, 1 => P1, _ => P2 };

        internal static Signature Parse(string sig)
        {
            int colon = sig.IndexOf(':');
            string ps = sig[..colon], rs = sig[(colon + 1)..];
            ValType T(int k) => k < ps.Length ? Letter(ps[k]) : 0;
            return new Signature((byte)ps.Length, T(0), T(1), T(2), rs.Length == 0 ? 0 : Letter(rs[0]));
        }

        private static ValType Letter(char c) => c switch
        {
            'i' => ValType.I32,
            'l' => ValType.I64,
            'f' => ValType.F32,
            'd' => ValType.F64,
            'v' => ValType.V128,
            _ => throw new ArgumentException($"bad signature letter {c}"),
        };
    }
}
