namespace WasmSharp.Runtime;

/// <summary>
/// Why running code was asked to stop: the bits of <see cref="RuntimeState.InterruptRequested"/>. Every request is
/// delivered the same way — the stack limit forced to its maximum, so the check generated code already makes at
/// function entry and loop headers fails — and the store reads these bits to tell the reasons apart.
/// </summary>
[Flags]
internal enum StopRequest
{
    /// <summary><see cref="Store.Interrupt"/>.</summary>
    Interrupt = 1,
    /// <summary>The store's epoch deadline was reached (<see cref="Engine.IncrementEpoch"/>).</summary>
    EpochDeadline = 2,
    /// <summary>The resource limiter threw inside a grow; the exception is parked on the store.</summary>
    HostError = 4,
}
