using System.Runtime.CompilerServices;

namespace WasmSharp;

/// <summary>
/// Deterministic mode's promise that "call stack exhausted" comes from the Wasm-counted budget
/// (<see cref="EngineConfig.MaxStackHeight"/>) and never from the native stack: an outermost call is refused on a
/// thread whose stack cannot hold what that budget may need (<see cref="EngineConfig.EffectiveWasmStackBytes"/>),
/// since there the native check would strike first, at a depth that depends on the compiler and ISA.
/// </summary>
internal static unsafe class DeterministicStack
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when the calling thread's stack is too small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Check(EngineConfig config)
    {
        byte here;
        nint low = ThreadStack.Low;
        if (low == 0) return; // bounds unknown: the native check stays the only guard
        long available = (long)((nint)(&here) - low) - ThreadStack.Reserve;
        long needed = config.EffectiveWasmStackBytes();
        if (available < needed)
            throw new InvalidOperationException(
                $"deterministic mode needs {needed} bytes of stack for MaxStackHeight = {config.MaxStackHeight}, and this " +
                $"thread has {Math.Max(0, available)} left: call from a thread with a larger stack (new Thread(start, maxStackSize)) " +
                "or lower MaxStackHeight");
    }
}
