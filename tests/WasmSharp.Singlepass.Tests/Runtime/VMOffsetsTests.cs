using System.Runtime.InteropServices;
using WasmSharp.Runtime;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The offsets generated code uses are those of the structures the runtime fills.</summary>
public class VMOffsetsTests
{
    private static int Of<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    [Fact]
    public void VMContextOffsetsMatchTheLayout()
    {
        Assert.Equal(VMOffsets.VmctxRuntime, Of<VMContext>(nameof(VMContext.Runtime)));
        Assert.Equal(VMOffsets.VmctxMemoryBase, Of<VMContext>(nameof(VMContext.MemoryBase)));
        Assert.Equal(VMOffsets.VmctxMemoryLength, Of<VMContext>(nameof(VMContext.MemoryLength)));
        Assert.Equal(VMOffsets.VmctxFunctions, Of<VMContext>(nameof(VMContext.Functions)));
        Assert.Equal(VMOffsets.VmctxTables, Of<VMContext>(nameof(VMContext.Tables)));
        Assert.Equal(VMOffsets.VmctxGlobals, Of<VMContext>(nameof(VMContext.Globals)));
        Assert.Equal(VMOffsets.VmctxTypeIds, Of<VMContext>(nameof(VMContext.TypeIds)));
        Assert.Equal(VMOffsets.VmctxHandle, Of<VMContext>(nameof(VMContext.Handle)));
        Assert.Equal(VMOffsets.VmctxLibcallTable, Of<VMContext>(nameof(VMContext.LibcallTable)));
        Assert.Equal(VMOffsets.VmctxLoopLimit, Of<VMContext>(nameof(VMContext.LoopLimit)));
    }

    [Fact]
    public void RuntimeStateAndFuncRefOffsetsMatchTheLayout()
    {
        Assert.Equal(VMOffsets.RuntimeStackLimit, Of<RuntimeState>(nameof(RuntimeState.StackLimit)));
        Assert.Equal(VMOffsets.RuntimeEntrySp, Of<RuntimeState>(nameof(RuntimeState.EntrySp)));
        Assert.Equal(VMOffsets.RuntimeTrapCode, Of<RuntimeState>(nameof(RuntimeState.TrapCode)));
        Assert.Equal(VMOffsets.RuntimeInterruptRequested, Of<RuntimeState>(nameof(RuntimeState.InterruptRequested)));
        Assert.Equal(VMOffsets.RuntimeTrapFp, Of<RuntimeState>(nameof(RuntimeState.TrapFp)));
        Assert.Equal(VMOffsets.RuntimeTrapPc, Of<RuntimeState>(nameof(RuntimeState.TrapPc)));
        Assert.Equal(VMOffsets.RuntimeSavedStackLimit, Of<RuntimeState>(nameof(RuntimeState.SavedStackLimit)));
        Assert.Equal(VMOffsets.RuntimeFuel, Of<RuntimeState>(nameof(RuntimeState.Fuel)));
        Assert.Equal(VMOffsets.RuntimeTrapFrameCount, Of<RuntimeState>(nameof(RuntimeState.TrapFrameCount)));
        Assert.Equal(VMOffsets.RuntimeTrapFrames, Of<RuntimeState>(nameof(RuntimeState.TrapFrames)));
        Assert.Equal(VMOffsets.RuntimeFuelInRegister, Of<RuntimeState>(nameof(RuntimeState.FuelInRegister)));
        Assert.Equal(VMOffsets.FuncRefCode, Of<VMFuncRef>(nameof(VMFuncRef.Code)));
        Assert.Equal(VMOffsets.FuncRefVmctx, Of<VMFuncRef>(nameof(VMFuncRef.Vmctx)));
        Assert.Equal(VMOffsets.FuncRefTypeId, Of<VMFuncRef>(nameof(VMFuncRef.TypeId)));
        Assert.Equal(VMOffsets.FuncRefSize, Marshal.SizeOf<VMFuncRef>());
        Assert.Equal(VMOffsets.TableElements, Of<TableDef>(nameof(TableDef.Elements)));
        Assert.Equal(VMOffsets.TableCount, Of<TableDef>(nameof(TableDef.Count)));
    }

    [Fact]
    public void EveryLibcallHasANativeEntry()
    {
        for (int id = 0; id < LibcallIds.Count - 1; id++) Assert.NotEqual(0, Libcalls.Native.Address((LibcallId)id));
        Assert.Equal(LibcallId.TrapUnwind, (LibcallId)(LibcallIds.Count - 1));
    }
}
