namespace WasmSharp.Runtime;

/// <summary>
/// An engine's pending epoch deadlines, earliest first, so that <see cref="Engine.IncrementEpoch"/> touches only the
/// stores whose deadline it reaches (and, when none is due, nothing but one comparison). Stores are held weakly: a
/// deadline does not keep a dropped store alive. A store has at most one live entry, at its earliest queued
/// deadline: moving the deadline later (as an embedder that sets one before every call does) queues nothing, and
/// the entry, when reached, looks at the store's deadline then — delivering it, or queuing the store again for it.
/// </summary>
internal sealed class EpochDeadlines
{
    private readonly PriorityQueue<(WeakReference<Store> Store, long Deadline), long> _queue = new();
    /// <summary>The earliest deadline queued (long.MaxValue: none), read without the lock by every tick.</summary>
    private long _earliest = long.MaxValue;

    /// <summary>Makes sure <paramref name="store"/>, whose deadline is now <paramref name="deadline"/>, is looked at by
    /// the tick that reaches it.</summary>
    public void Add(Store store, long deadline)
    {
        lock (_queue)
        {
            if (store.QueuedEpochDeadline <= deadline) return; // an earlier entry will look again
            Enqueue(new WeakReference<Store>(store), store, deadline);
        }
    }

    private void Enqueue(WeakReference<Store> weak, Store store, long deadline)
    {
        store.QueuedEpochDeadline = deadline;
        _queue.Enqueue((weak, deadline), deadline);
        _earliest = _queue.Peek().Deadline;
    }

    /// <summary>Tells every store whose deadline is at most <paramref name="epoch"/> that it is reached.</summary>
    public void Expire(long epoch)
    {
        if (Volatile.Read(ref _earliest) > epoch) return;
        List<(Store, long)>? due = null;
        lock (_queue)
        {
            while (_queue.TryPeek(out var entry, out long queued) && queued <= epoch)
            {
                _queue.Dequeue();
                // gone, or an entry replaced by an earlier one
                if (!entry.Store.TryGetTarget(out var store) || store.QueuedEpochDeadline != queued) continue;
                store.QueuedEpochDeadline = long.MaxValue;
                long deadline = store.EpochDeadline;
                if (deadline <= epoch) (due ??= new()).Add((store, deadline));
                else if (deadline != long.MaxValue) Enqueue(entry.Store, store, deadline);
            }
            _earliest = _queue.Count == 0 ? long.MaxValue : _queue.Peek().Deadline;
        }
        // outside the lock: a store's own work must not run under the engine's
        if (due is null) return;
        foreach (var (store, deadline) in due) store.EpochDeadlineReached(deadline);
    }
}
