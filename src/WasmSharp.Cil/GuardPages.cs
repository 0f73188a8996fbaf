using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>
/// When CIL code leaves memory bounds to the MMU: the engine's memories reserve 4 GiB plus a guard region that every
/// 32-bit address plus offset stays within (<see cref="MemoryPlan.GuardPages"/>, the decision Singlepass follows),
/// and the process can turn a fault there into a trap (<see cref="GuardPageFaults"/>: Linux x86-64). A load or store
/// is then just <c>base + (ulong)(uint)addr + offset</c>. Fuel metering and deterministic mode keep explicit checks:
/// their traps write the fuel back first (<c>EmitFuelFlush</c>), which a fault cannot do.
/// </summary>
internal static class GuardPages
{
    public static bool For(Engine engine) =>
        engine.MemoryPlan.GuardPages && GuardPageFaults.Supported && !engine.Config.ConsumeFuel && !engine.Config.Deterministic;
}
