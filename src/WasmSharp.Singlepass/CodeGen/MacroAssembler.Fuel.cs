using WasmSharp.Runtime;

namespace WasmSharp.Singlepass.CodeGen;

// Metering keeps the store's fuel in a register: a block's charge is a compare, a branch and a subtraction, with no
// memory round trip. RuntimeState.Fuel is the copy the runtime sees; it is current whenever control is outside Wasm
// code: the entry trampoline loads the register from it and stores it back at every exit (return, trap, fault), the
// host-function stub stores it before a host call and reloads it after, and the generator does the same around
// libcalls (SaveFuel/ReloadFuel). Wasm-to-Wasm calls, within an instance or across instances of the store, leave it
// in the register: every function of a metering engine meters, and none allocates the register.
internal abstract partial class MacroAssembler
{
    /// <summary>Takes the ISA's fuel register out of <see cref="IntRegs"/> for the code this assembler emits from
    /// now on (called once, before the first function, when the engine meters).</summary>
    public abstract void PinFuelRegister();

    /// <summary>A block's charge: when the fuel register holds less than <paramref name="cost"/> (&gt; 0), jumps to
    /// <paramref name="outOfFuel"/> with the register unchanged (a block that runs out leaves the remainder
    /// untouched, see <see cref="Store.Fuel"/>); otherwise subtracts it.</summary>
    public abstract void ChargeFuel(long cost, Label outOfFuel);

    /// <summary>Before code outside Wasm runs (a libcall): <see cref="RuntimeState.Fuel"/> = the fuel register.
    /// Keeps every allocatable register.</summary>
    public abstract void SaveFuel();

    /// <summary>After code outside Wasm ran, which may have charged or refilled the fuel: the fuel register =
    /// <see cref="RuntimeState.Fuel"/>. Keeps every allocatable register.</summary>
    public abstract void ReloadFuel();
}
