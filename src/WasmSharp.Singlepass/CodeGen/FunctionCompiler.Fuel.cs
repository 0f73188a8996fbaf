using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// Metering: the charges of the shared MeteringPlan, emitted as "fuel -= cost; trap if it went negative".
internal sealed partial class FunctionCompiler
{
    /// <summary>Null when the engine does not meter: then no fuel code at all.</summary>
    private readonly FuelCosts? _fuelCosts;
    private readonly MeteringPlan _meteringPlan = new();

    /// <summary>Charges a basic block before it runs. The fuel is written back only when it covers the block, so a
    /// block that runs out leaves the remainder untouched (what <see cref="Store.Fuel"/> documents).</summary>
    private void ChargeFuel(long cost)
    {
        if (cost == 0 || Top.Unreachable) return;
        var state = Alloc(RegClass.Int);
        var fuel = Alloc(RegClass.Int);
        var fuelAddr = Addr.At(state, VMOffsets.RuntimeFuel);
        _masm.LoadRuntimeState(state);
        _masm.Load(ValType.I64, fuel, fuelAddr);
        _masm.SubtractAndBranchIfNegative(fuel, cost, _traps[TrapKind.OutOfFuel]);
        _masm.Store(ValType.I64, fuelAddr, fuel);
        Free(fuel);
        Free(state);
    }
}
