using WasmSharp.Runtime;

namespace WasmSharp;

// Epoch deadlines (Wasmtime's epoch interruption): delivered as an interrupt, so generated code pays nothing extra.
public sealed unsafe partial class Store
{
    /// <summary>The epoch at which running code stops; long.MaxValue: no deadline.</summary>
    private long _epochDeadline = long.MaxValue;

    internal long EpochDeadline => Volatile.Read(ref _epochDeadline);

    /// <summary>The deadline of this store's live entry in <see cref="Engine.Deadlines"/> (long.MaxValue: none);
    /// only touched under that queue's lock.</summary>
    internal long QueuedEpochDeadline { get; set; } = long.MaxValue;

    /// <summary>
    /// Stops this store's code once the engine's epoch (<see cref="Engine.Epoch"/>) has advanced
    /// <paramref name="ticks"/> past its current value: code running then, or called afterwards, traps with
    /// <see cref="TrapKind.EpochDeadlineReached"/> at its next function entry or loop header, exactly where
    /// <see cref="Interrupt"/> would stop it. The deadline stays reached (later calls trap at once) until it is set
    /// again. A store without a deadline is never stopped by epochs. Zero ticks: stop at the next check.
    /// <para>May be called between calls or from a host function, not from another thread. A deadline already
    /// delivered to the running call (the epoch reached it before the host function moved it) still stops that
    /// call; it no longer stops later calls.</para>
    /// </summary>
    public void SetEpochDeadline(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        ThrowIfDisposed();
        long now = Engine.Epoch;
        long deadline = ticks >= long.MaxValue - now ? long.MaxValue - 1 : now + ticks;
        Volatile.Write(ref _epochDeadline, deadline);
        if (Volatile.Read(ref _activeThread) == 0) ClearStopRequest(StopRequest.EpochDeadline);
        Engine.Deadlines.Add(this, deadline);
        if (Engine.Epoch >= deadline) EpochDeadlineReached(deadline);
    }

    /// <summary>Whether the deadline set last has been reached.</summary>
    private bool EpochDeadlinePassed => Engine.Epoch >= Volatile.Read(ref _epochDeadline);

    /// <summary>Called by the engine when the epoch reaches <paramref name="deadline"/>, from any thread; a
    /// deadline replaced meanwhile is ignored.</summary>
    internal void EpochDeadlineReached(long deadline)
    {
        if (Volatile.Read(ref _epochDeadline) == deadline) RequestStop(StopRequest.EpochDeadline);
    }

    /// <summary>Asks running code to stop for <paramref name="reason"/>: the reason bit first, then the forced stack
    /// limit (<see cref="ThrowTrap"/> relies on that order). Safe from any thread: under a reference, and nothing
    /// after <see cref="Dispose"/>.</summary>
    private void RequestStop(StopRequest reason)
    {
        if (!_native.TryAddRef()) return;
        try
        {
            Interlocked.Or(ref Runtime->InterruptRequested, (int)reason);
            Volatile.Write(ref Runtime->StackLimit, nuint.MaxValue);
            SyncLoopLimits();
        }
        finally
        {
            _native.Release();
        }
    }

    private void ClearStopRequest(StopRequest reason)
    {
        if (!_native.TryAddRef()) return;
        try
        {
            Interlocked.And(ref Runtime->InterruptRequested, ~(int)reason);
        }
        finally
        {
            _native.Release();
        }
    }

    /// <summary>The trap a forced stack limit stands for, consuming the stop requests: an interrupt first, then a
    /// deadline. No bit but a forced limit: the bits were consumed by the previous call before its limit write
    /// landed (<see cref="RequestStop"/>'s two writes can be split by a whole call), so the request came from a
    /// reached deadline if one is, else an interrupt.</summary>
    private TrapKind TakeStopReason()
    {
        var bits = (StopRequest)Interlocked.Exchange(ref Runtime->InterruptRequested, 0);
        Runtime->StackLimit = Runtime->SavedStackLimit;
        SyncLoopLimits();
        if ((bits & StopRequest.Interrupt) != 0) return TrapKind.Interrupted;
        if ((bits & StopRequest.EpochDeadline) != 0 || EpochDeadlinePassed) return TrapKind.EpochDeadlineReached;
        return TrapKind.Interrupted;
    }

    // ---- the loop headers' copy of the stop request ---------------------------------------------------------

    /// <summary>Guards <see cref="_loopLimits"/> and the writes of the copies, so that the last sync wins with the
    /// state it read: concurrent stop requests and resets cannot leave a copy behind.</summary>
    private readonly Lock _loopLimitGate = new();
    /// <summary>Every instance's VM context (freed with the store, so never removed).</summary>
    private readonly List<nint> _loopLimits = new();
    /// <summary>Whether the copies say "stop" (read without the lock, to skip a sync that changes nothing).</summary>
    private bool _loopLimitsForced;

    /// <summary>A new instance's context takes the current value and follows every later change.</summary>
    internal void TrackLoopLimit(VMContext* vmctx)
    {
        using var _ = _loopLimitGate.EnterScope();
        _loopLimits.Add((nint)vmctx);
        vmctx->LoopLimit = Volatile.Read(ref _loopLimitsForced) ? nuint.MaxValue : 0;
    }

    /// <summary>Sets every instance's <see cref="VMContext.LoopLimit"/> from the current stop state (forced limit or
    /// pending request): called after each change of it, from any thread, under a reference to the native state.</summary>
    internal void SyncLoopLimits()
    {
        using var _ = _loopLimitGate.EnterScope();
        bool forced = Volatile.Read(ref Runtime->StackLimit) == nuint.MaxValue;
        nuint value = forced ? nuint.MaxValue : 0;
        foreach (var ctx in _loopLimits) Volatile.Write(ref ((VMContext*)ctx)->LoopLimit, value);
        Volatile.Write(ref _loopLimitsForced, forced);
    }
}
