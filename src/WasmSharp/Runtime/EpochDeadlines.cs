namespace WasmSharp.Runtime;

/// <summary>
/// An engine's pending epoch deadlines, earliest first, so that <see cref="Engine.IncrementEpoch"/> touches only the
/// stores whose deadline it reaches (and, when none is due, nothing but one comparison). Stores are held weakly: a
/// deadline does not keep a dropped store alive. An entry outlived by a newer deadline of its store is skipped.
/// </summary>
internal sealed class EpochDeadlines
{
    private readonly PriorityQueue<(WeakReference<Store> Store, long Deadline), long> _queue = new();
    /// <summary>The earliest deadline queued (long.MaxValue: none), read without the lock by every tick.</summary>
    private long _earliest = long.MaxValue;

    public void Add(Store store, long deadline)
    {
        lock (_queue)
        {
            _queue.Enqueue((new WeakReference<Store>(store), deadline), deadline);
            _earliest = _queue.Peek().Deadline;
        }
    }

    /// <summary>Tells every store whose deadline is at most <paramref name="epoch"/> that it is reached.</summary>
    public void Expire(long epoch)
    {
        if (Volatile.Read(ref _earliest) > epoch) return;
        List<(Store, long)>? due = null;
        lock (_queue)
        {
            while (_queue.TryPeek(out var entry, out long deadline) && deadline <= epoch)
            {
                _queue.Dequeue();
                if (entry.Store.TryGetTarget(out var store)) (due ??= new()).Add((store, deadline));
            }
            _earliest = _queue.Count == 0 ? long.MaxValue : _queue.Peek().Deadline;
        }
        // outside the lock: a store's own work must not run under the engine's
        if (due is null) return;
        foreach (var (store, deadline) in due) store.EpochDeadlineReached(deadline);
    }
}
