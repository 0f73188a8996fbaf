namespace WasmSharp.Runtime;

/// <summary>
/// The runtime functions native code calls, by their index in <see cref="Libcalls.Native.Table"/>: generated code
/// names a runtime function by this id (one load of the table from the VM context, one indirect call), never by
/// its address, so the code does not depend on where the runtime was loaded. The values are part of the code's
/// contract: append, never renumber.
/// </summary>
public enum LibcallId
{
    /// <summary><c>memory.grow</c>.</summary>
    MemoryGrow,
    /// <summary><c>memory.fill</c>.</summary>
    MemoryFill,
    /// <summary><c>memory.copy</c>.</summary>
    MemoryCopy,
    /// <summary><c>memory.init</c>.</summary>
    MemoryInit,
    /// <summary><c>data.drop</c>.</summary>
    DataDrop,
    /// <summary><c>table.init</c>.</summary>
    TableInit,
    /// <summary><c>elem.drop</c>.</summary>
    ElemDrop,
    /// <summary><c>table.copy</c>.</summary>
    TableCopy,
    /// <summary><c>table.fill</c>.</summary>
    TableFill,
    /// <summary><c>table.grow</c>.</summary>
    TableGrow,
    /// <summary>A call of a host function (its arguments and results in a value area).</summary>
    CallHost,
    /// <summary>Not a C# function: the native compiler's trap unwinder, jumped to (not called) by trap stubs.</summary>
    TrapUnwind,
}

/// <summary>Facts about <see cref="LibcallId"/>.</summary>
public static class LibcallIds
{
    /// <summary>How many ids there are: the length of the native table.</summary>
    public const int Count = (int)LibcallId.TrapUnwind + 1;
}
