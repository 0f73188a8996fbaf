using WasmSharp.Binary;

namespace WasmSharp.Validation;

/// <summary>An entry of the validator's control stack (the spec's <c>ctrl_frame</c>).</summary>
public struct ControlFrame
{
    /// <summary>block, loop, if, else; the function's own frame is a block.</summary>
    public Opcode Kind;
    /// <summary>The block type of the construct.</summary>
    public BlockType BlockType;
    /// <summary>Operand stack height when the block was entered (below its parameters).</summary>
    public int Height;
    /// <summary>The rest of the block is unreachable (after br, return, unreachable...).</summary>
    public bool Unreachable;
    /// <summary>The function frame: its results are the function's results.</summary>
    public FuncType? FunctionType;
}
