using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// Metering: the charges of the shared MeteringPlan, emitted against the fuel register (see MacroAssembler.Fuel.cs).
internal sealed partial class FunctionCompiler
{
    /// <summary>Null when the engine does not meter: then no fuel code at all.</summary>
    private readonly FuelCosts? _fuelCosts;
    private readonly MeteringPlan _meteringPlan = new();

    /// <summary>Charges a basic block before it runs. A block that runs out traps with the fuel untouched, so the
    /// remainder stays (what <see cref="Store.Fuel"/> documents).</summary>
    private void ChargeFuel(long cost)
    {
        if (cost == 0 || Top.Unreachable) return;
        _masm.ChargeFuel(cost, _traps[TrapKind.OutOfFuel]);
    }

    /// <summary>Before a libcall: the runtime sees (and may charge) the fuel in <see cref="RuntimeState.Fuel"/>.</summary>
    private void SaveFuel()
    {
        if (_fuelCosts is not null) _masm.SaveFuel();
    }

    /// <summary>After a libcall (before its status is tested, so that a trap unwinds with the runtime's figure).</summary>
    private void ReloadFuel()
    {
        if (_fuelCosts is not null) _masm.ReloadFuel();
    }
}
