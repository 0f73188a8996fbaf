namespace WasmSharp.Runtime;

/// <summary>
/// The runtime functions native code calls, by their index in <see cref="Libcalls.Native.Table"/>: generated code
/// names a runtime function by this id (one load of the table from the VM context, one indirect call), never by
/// its address, so the code does not depend on where the runtime was loaded. The values are part of the code's
/// contract: append, never renumber.
/// </summary>
public enum LibcallId
{
    MemoryGrow,
    MemoryFill,
    MemoryCopy,
    MemoryInit,
    DataDrop,
    TableInit,
    ElemDrop,
    TableCopy,
    TableFill,
    TableGrow,
    CallHost,
    /// <summary>Not a C# function: the native compiler's trap unwinder, jumped to (not called) by trap stubs.</summary>
    TrapUnwind,
}

/// <summary>Facts about <see cref="LibcallId"/>.</summary>
public static class LibcallIds
{
    public const int Count = (int)LibcallId.TrapUnwind + 1;
}
