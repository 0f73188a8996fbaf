using System.Runtime.InteropServices;

namespace WasmSharp.Runtime;

// The native structures generated code reads. Their layout is a contract with the compilers: offsets are named in
// VMOffsets and checked by a test against Marshal.OffsetOf.

/// <summary>Per-store state shared by every instance of a store: the unwind point, trap details, limits.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct RuntimeState
{
    /// <summary>Room for the code addresses of a trap's innermost frames.</summary>
    public const int MaxTrapFrames = 64;

    /// <summary>Generated code traps "call stack exhausted" when the stack pointer falls below this. Set to
    /// <see cref="nuint.MaxValue"/> to make the next check fail: that is how an interrupt is delivered.</summary>
    public nuint StackLimit;
    /// <summary>Stack pointer saved by the innermost entry trampoline; traps unwind to it.</summary>
    public nuint EntrySp;
    /// <summary>The <see cref="TrapKind"/> of the trap being unwound (0 when none), written by the unwinder.</summary>
    public int TrapCode;
    /// <summary>Non-zero when an interrupt was requested (tells a failed stack check apart from an interrupt).</summary>
    public int InterruptRequested;
    /// <summary>Frame pointer at the trap, for the backtrace.</summary>
    public nuint TrapFp;
    /// <summary>Code address of the trap, for the backtrace.</summary>
    public nuint TrapPc;
    /// <summary>The real stack limit while <see cref="StackLimit"/> is forced by an interrupt.</summary>
    public nuint SavedStackLimit;
    /// <summary>Remaining fuel, for metering.</summary>
    public long Fuel;
    /// <summary>How many entries of <see cref="TrapFrames"/> the unwinder filled.</summary>
    public int TrapFrameCount;
    /// <summary>Deterministic mode's stack budget left, in Wasm values: each function charges its
    /// <see cref="Compilers.StackHeightCost"/> at entry (trapping "call stack exhausted" below 0) and refunds it at
    /// return; the store resets it after a trap.</summary>
    public int StackHeightLeft;
    /// <summary>Code addresses of the frames active at the trap, innermost first, captured by the unwinder before
    /// the stack is reused (the trap address, then return addresses).</summary>
    public fixed ulong TrapFrames[MaxTrapFrames];
    /// <summary>Non-zero when the store's engine meters and its generated code may keep <see cref="Fuel"/> in a
    /// register while it runs (Singlepass): the entry trampoline then writes the register back at every exit.</summary>
    public int FuelInRegister;
}

/// <summary>
/// Per-instance context: generated code keeps its address in a fixed register. Host functions get one too, with
/// only <see cref="Runtime"/> and <see cref="Handle"/> set, so that a trap anywhere finds the runtime state at offset 0.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct VMContext
{
    /// <summary>The store's runtime state: the first field, so that any context leads to it in one load.</summary>
    public RuntimeState* Runtime;
    /// <summary>Memory 0's base (stable: the memory is reserved once).</summary>
    public byte* MemoryBase;
    /// <summary>Memory 0's current length in bytes (explicit bounds checks compare with it; memory.grow updates it).</summary>
    public ulong MemoryLength;
    /// <summary>One entry per function index, imported ones first.</summary>
    public VMFuncRef* Functions;
    /// <summary>One pointer per table index.</summary>
    public TableDef** Tables;
    /// <summary>One pointer per global index, to a 16-byte cell.</summary>
    public byte** Globals;
    /// <summary>Engine-wide type id of each of the module's type indices (for call_indirect).</summary>
    public int* TypeIds;
    /// <summary>GCHandle of the owning <see cref="Instance"/> (or <see cref="HostFunction"/>).</summary>
    public nint Handle;
    /// <summary><see cref="Libcalls.Native.Table"/>: generated code reaches the runtime through it, indexed by
    /// <see cref="LibcallId"/>, so that it embeds no host address.</summary>
    public nint* LibcallTable;
    /// <summary>What Singlepass loop headers compare the stack pointer with: 0 (never below it), or
    /// <see cref="nuint.MaxValue"/> while a stop is requested (<see cref="RuntimeState.StackLimit"/> forced), so that
    /// a back-edge check is one load and compare. The store keeps every instance's copy in step
    /// (<see cref="Store.SyncLoopLimits"/>), as memory.grow keeps <see cref="MemoryLength"/>.</summary>
    public nuint LoopLimit;
}

/// <summary>A function reference: what a funcref value points to, and what a call needs.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct VMFuncRef
{
    /// <summary>Machine code of the function (or of its host-call stub, or of a lazy function's stub).</summary>
    public nint Code;
    /// <summary>The context the code runs with: its instance's, or the host function's.</summary>
    public VMContext* Vmctx;
    /// <summary>Engine-wide id of the function's type, compared by <c>call_indirect</c>.</summary>
    public int TypeId;
    private int _pad;
}

/// <summary>A table's element storage: pointers to <see cref="VMFuncRef"/> or externref handles; 0 is null.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct TableDef
{
    /// <summary>The elements, <see cref="Count"/> of them (reallocated when the table grows).</summary>
    public nint* Elements;
    /// <summary>The table's current size in elements.</summary>
    public uint Count;
    private uint _pad;
}

/// <summary>Field offsets of the VM structures, for code generators.</summary>
public static class VMOffsets
{
    /// <summary>Offset of <see cref="RuntimeState.StackLimit"/>.</summary>
    public const int RuntimeStackLimit = 0;
    /// <summary>Offset of <see cref="RuntimeState.EntrySp"/>.</summary>
    public const int RuntimeEntrySp = 8;
    /// <summary>Offset of <see cref="RuntimeState.TrapCode"/>.</summary>
    public const int RuntimeTrapCode = 16;
    /// <summary>Offset of <see cref="RuntimeState.InterruptRequested"/>.</summary>
    public const int RuntimeInterruptRequested = 20;
    /// <summary>Offset of <see cref="RuntimeState.TrapFp"/>.</summary>
    public const int RuntimeTrapFp = 24;
    /// <summary>Offset of <see cref="RuntimeState.TrapPc"/>.</summary>
    public const int RuntimeTrapPc = 32;
    /// <summary>Offset of <see cref="RuntimeState.SavedStackLimit"/>.</summary>
    public const int RuntimeSavedStackLimit = 40;
    /// <summary>Offset of <see cref="RuntimeState.Fuel"/>.</summary>
    public const int RuntimeFuel = 48;
    /// <summary>Offset of <see cref="RuntimeState.TrapFrameCount"/>.</summary>
    public const int RuntimeTrapFrameCount = 56;
    /// <summary>Offset of <see cref="RuntimeState.StackHeightLeft"/>.</summary>
    public const int RuntimeStackHeightLeft = 60;
    /// <summary>Offset of <see cref="RuntimeState.TrapFrames"/> (8-byte entries).</summary>
    public const int RuntimeTrapFrames = 64;
    /// <summary>Offset of <see cref="RuntimeState.FuelInRegister"/>.</summary>
    public const int RuntimeFuelInRegister = RuntimeTrapFrames + 8 * RuntimeState.MaxTrapFrames;

    /// <summary>Offset of <see cref="VMContext.Runtime"/>.</summary>
    public const int VmctxRuntime = 0;
    /// <summary>Offset of <see cref="VMContext.MemoryBase"/>.</summary>
    public const int VmctxMemoryBase = 8;
    /// <summary>Offset of <see cref="VMContext.MemoryLength"/>.</summary>
    public const int VmctxMemoryLength = 16;
    /// <summary>Offset of <see cref="VMContext.Functions"/>.</summary>
    public const int VmctxFunctions = 24;
    /// <summary>Offset of <see cref="VMContext.Tables"/>.</summary>
    public const int VmctxTables = 32;
    /// <summary>Offset of <see cref="VMContext.Globals"/>.</summary>
    public const int VmctxGlobals = 40;
    /// <summary>Offset of <see cref="VMContext.TypeIds"/>.</summary>
    public const int VmctxTypeIds = 48;
    /// <summary>Offset of <see cref="VMContext.Handle"/>.</summary>
    public const int VmctxHandle = 56;
    /// <summary>Offset of <see cref="VMContext.LibcallTable"/>.</summary>
    public const int VmctxLibcallTable = 64;
    /// <summary>Offset of <see cref="VMContext.LoopLimit"/>.</summary>
    public const int VmctxLoopLimit = 72;

    /// <summary>Offset of <see cref="VMFuncRef.Code"/>.</summary>
    public const int FuncRefCode = 0;
    /// <summary>Offset of <see cref="VMFuncRef.Vmctx"/>.</summary>
    public const int FuncRefVmctx = 8;
    /// <summary>Offset of <see cref="VMFuncRef.TypeId"/>.</summary>
    public const int FuncRefTypeId = 16;
    /// <summary>Size of a <see cref="VMFuncRef"/>: the stride of <see cref="VMContext.Functions"/>.</summary>
    public const int FuncRefSize = 24;

    /// <summary>Offset of <see cref="TableDef.Elements"/>.</summary>
    public const int TableElements = 0;
    /// <summary>Offset of <see cref="TableDef.Count"/>.</summary>
    public const int TableCount = 8;

    /// <summary>Globals live in 16-byte cells (room for a v128).</summary>
    public const int GlobalCellSize = 16;
}
