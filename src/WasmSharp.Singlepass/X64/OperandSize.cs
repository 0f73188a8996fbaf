namespace WasmSharp.Singlepass.X64;

/// <summary>Width of an integer operation; picks 66h / REX.W / the byte opcode.</summary>
internal enum OperandSize : byte
{
    S8,
    S16,
    S32,
    S64,
}
