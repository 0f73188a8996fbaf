namespace WasmSharp.Binary;

/// <summary>The shape of an operator's immediates, which tells the reader what follows the opcode.</summary>
public enum ImmediateKind : byte
{
    /// <summary>None</summary>
    None,
    /// <summary>blocktype</summary>
    Block,
    /// <summary>labelidx</summary>
    Label,
    /// <summary>vec(labelidx) labelidx</summary>
    BrTable,
    /// <summary>funcidx</summary>
    Func,
    /// <summary>typeidx tableidx</summary>
    CallIndirect,
    /// <summary>vec(valtype)</summary>
    SelectT,
    /// <summary>Local</summary>
    Local,
    /// <summary>Global</summary>
    Global,
    /// <summary>Table</summary>
    Table,
    /// <summary>align offset</summary>
    MemArg,
    /// <summary>align offset laneidx</summary>
    MemArgLane,
    /// <summary>a memory index that must be the byte 0x00 in 2.0</summary>
    MemoryIndex,
    /// <summary>I32</summary>
    I32,
    /// <summary>I64</summary>
    I64,
    /// <summary>F32</summary>
    F32,
    /// <summary>F64</summary>
    F64,
    /// <summary>V128</summary>
    V128,
    /// <summary>16 lane indices</summary>
    Shuffle,
    /// <summary>laneidx</summary>
    Lane,
    /// <summary>RefType</summary>
    RefType,
    /// <summary>dataidx</summary>
    Data,
    /// <summary>elemidx</summary>
    Elem,
    /// <summary>dataidx 0x00</summary>
    MemoryInit,
    /// <summary>0x00 0x00</summary>
    MemoryCopy,
    /// <summary>elemidx tableidx</summary>
    TableInit,
    /// <summary>tableidx tableidx</summary>
    TableCopy,
}
