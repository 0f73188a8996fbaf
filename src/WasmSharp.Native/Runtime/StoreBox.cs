namespace WasmSharp.Native.Runtime;

/// <summary>What a <c>wasm_store_t</c> stands for: the store, plus what the C side attached to it that must end with
/// it (host-function environments' finalizers, a deadline timer).</summary>
internal sealed unsafe class StoreBox : IDisposable
{
    private readonly List<(nint Finalizer, nint Env)> _finalizers = new();
    // the timer's callback may be running when the store is deleted: it interrupts only under this lock, while alive
    private readonly Lock _gate = new();
    private Timer? _deadline;
    private bool _deleted;

    public Store Store { get; }

    public StoreBox(Engine engine) => Store = new Store(engine);

    /// <summary>Runs <paramref name="finalizer"/>(<paramref name="env"/>) when the store is deleted.</summary>
    public void OnDelete(nint finalizer, nint env)
    {
        if (finalizer != 0) _finalizers.Add((finalizer, env));
    }

    /// <summary>Interrupts running code after <paramref name="milliseconds"/>; 0 cancels a pending deadline.</summary>
    public void SetDeadline(ulong milliseconds)
    {
        lock (_gate)
        {
            _deadline?.Dispose();
            _deadline = milliseconds == 0 ? null : new Timer(_ => InterruptIfAlive(), null, TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
        }
    }

    private void InterruptIfAlive()
    {
        lock (_gate)
        {
            if (!_deleted) Store.Interrupt();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _deleted = true;
            _deadline?.Dispose();
        }
        Store.Dispose();
        foreach (var (finalizer, env) in _finalizers) ((delegate* unmanaged<void*, void>)finalizer)((void*)env);
        _finalizers.Clear();
    }
}
