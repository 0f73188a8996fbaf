namespace WasmSharp.Singlepass.X64;

/// <summary>The eight classic two-operand ALU operations, valued as their opcode extension (/digit of 80/81/83).</summary>
internal enum AluOp : byte
{
    Add = 0,
    Or = 1,
    Adc = 2,
    Sbb = 3,
    And = 4,
    Sub = 5,
    Xor = 6,
    Cmp = 7,
}

/// <summary>Rotates and shifts, valued as their opcode extension (/digit of C1/D1/D3).</summary>
internal enum ShiftOp : byte
{
    Rol = 0,
    Ror = 1,
    Shl = 4,
    Shr = 5,
    Sar = 7,
}
