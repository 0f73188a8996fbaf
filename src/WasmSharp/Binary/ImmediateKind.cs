namespace WasmSharp.Binary;

/// <summary>The shape of an operator's immediates, which tells the reader what follows the opcode.</summary>
public enum ImmediateKind : byte
{
    None,
    Block,        // blocktype
    Label,        // labelidx
    BrTable,      // vec(labelidx) labelidx
    Func,         // funcidx
    CallIndirect, // typeidx tableidx
    SelectT,      // vec(valtype)
    Local,
    Global,
    Table,
    MemArg,       // align offset
    MemArgLane,   // align offset laneidx
    MemoryIndex,  // a memory index that must be the byte 0x00 in 2.0
    I32,
    I64,
    F32,
    F64,
    V128,
    Shuffle,      // 16 lane indices
    Lane,         // laneidx
    RefType,
    Data,         // dataidx
    Elem,         // elemidx
    MemoryInit,   // dataidx 0x00
    MemoryCopy,   // 0x00 0x00
    TableInit,    // elemidx tableidx
    TableCopy,    // tableidx tableidx
}
