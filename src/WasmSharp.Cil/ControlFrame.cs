using System.Reflection.Emit;
using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>
/// A block, loop, if or the function body while it is being emitted. Branches carry their values through the
/// frame's label locals (the loop's parameters, the others' results), so that the CIL stack at every label is just
/// what lies below the frame: CIL requires one stack shape per label, Wasm lets a branch drop extra operands.
/// </summary>
internal sealed class ControlFrame
{
    public required Opcode Kind;
    public required ValType[] Params;
    public required ValType[] Results;
    /// <summary>Operand stack height below the frame's parameters.</summary>
    public int Height;
    /// <summary>Where branches go: a loop's head, the end of anything else.</summary>
    public Label Label;
    /// <summary>An if's else arm.</summary>
    public Label Else;
    public LocalBuilder[] Locals = [];
    /// <summary>The frame began in reachable code (else its whole body is skipped).</summary>
    public bool Live;
    /// <summary>Some branch targets the label.</summary>
    public bool Targeted;
    public bool HasElse;
    public bool IsFunction;

    public ValType[] BranchTypes => Kind == Opcode.Loop ? Params : Results;
}
