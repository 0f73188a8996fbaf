namespace WasmSharp.Text;

/// <summary>What follows an instruction's name in the text, and so how its immediates are encoded.</summary>
internal enum Immediate : byte
{
    None,
    Block,
    Loop,
    If,
    Else,
    End,
    Label,
    BrTable,
    Func,
    CallIndirect,
    Local,
    Global,
    /// <summary>Optional table index, default 0: table.get/set/size/grow/fill.</summary>
    Table,
    TableInit,
    TableCopy,
    Elem,
    Data,
    /// <summary>memory.init: data index, then the memory byte.</summary>
    MemoryInit,
    /// <summary>Memory index byte 0x00 (memory.size/grow/fill).</summary>
    Memory,
    MemoryCopy,
    MemArg,
    MemArgLane,
    I32,
    I64,
    F32,
    F64,
    V128,
    Shuffle,
    Lane,
    Select,
    RefNull,
}

/// <summary>An instruction: optional prefix byte (0xFC, 0xFD), opcode, immediate kind, natural alignment (log2).</summary>
internal readonly record struct OpInfo(byte Prefix, uint Code, Immediate Imm, byte Align);
