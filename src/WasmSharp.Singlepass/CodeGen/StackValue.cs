namespace WasmSharp.Singlepass.CodeGen;

internal enum ValueKind : byte
{
    /// <summary>A constant not yet materialized.</summary>
    Const,
    /// <summary>In a register owned by this stack entry.</summary>
    Reg,
    /// <summary>In the frame slot of its stack position.</summary>
    Slot,
}

/// <summary>An operand-stack entry of the code generator: where a value currently is.</summary>
internal struct StackValue
{
    public ValueKind Kind;
    public ValType Type;
    public Reg Reg;
    public ulong Bits;

    public static StackValue Const(ValType t, ulong bits) => new() { Kind = ValueKind.Const, Type = t, Bits = bits };
    public static StackValue InReg(ValType t, Reg r) => new() { Kind = ValueKind.Reg, Type = t, Reg = r };
    public static StackValue InSlot(ValType t) => new() { Kind = ValueKind.Slot, Type = t };
}

/// <summary>A block, loop, if or the function body, as the generator tracks it.</summary>
internal struct GenFrame
{
    public Binary.Opcode Kind;
    /// <summary>Stack position where the block's parameters (and later its results) start.</summary>
    public int Height;
    public int ParamCount;
    public int ResultCount;
    /// <summary>Branch target: the end for blocks and ifs, the header for loops.</summary>
    public Label Target;
    /// <summary>For if: where the false path goes.</summary>
    public Label Else;
    public bool HasElse;
    /// <summary>The rest of this block is dead code (after br, return, unreachable).</summary>
    public bool Unreachable;
    /// <summary>Label types: the params of a loop, else the results.</summary>
    public readonly int LabelArity => Kind == Binary.Opcode.Loop ? ParamCount : ResultCount;
    public Binary.BlockType BlockType;
}
