using System.ComponentModel;
using System.Runtime.CompilerServices;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>The charge of a <see cref="Compilers.MeteringPlan"/> basic block, as generated code calls it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static unsafe class FuelOps
{
    /// <summary>Takes <paramref name="cost"/> from the store's fuel, or traps with the remainder untouched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(long cost, nint vmctx)
    {
        var state = ((VMContext*)vmctx)->Runtime;
        long left = state->Fuel - cost;
        if (left < 0) Traps.Throw(TrapKind.OutOfFuel);
        state->Fuel = left;
    }
}
