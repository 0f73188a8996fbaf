namespace WasmSharp.Compilers;

/// <summary>
/// Passes the progress of a compile that runs on several threads to one <see cref="ICompileProgress"/>: threads add
/// the functions they have compiled (every <see cref="ICompileProgress.Interval"/> functions or so), and the sink
/// hears the running total one report at a time, never a smaller count after a larger one. With no sink it costs
/// one null check per call.
/// </summary>
public sealed class ConcurrentCompileProgress
{
    private readonly ICompileProgress? _sink;
    private readonly int _total;
    private readonly Lock _lock = new();
    private int _done;
    private int _reported = -1;

    /// <summary>Reports to <paramref name="sink"/> (none: null) on a compile of <paramref name="total"/> functions.</summary>
    public ConcurrentCompileProgress(ICompileProgress? sink, int total)
    {
        _sink = sink;
        _total = total;
    }

    /// <summary>Reports that the compile has begun (0 done).</summary>
    public void Start()
    {
        if (_sink is not null) Publish(0);
    }

    /// <summary>Adds <paramref name="functions"/> newly compiled functions, from any thread.</summary>
    public void Add(int functions)
    {
        if (_sink is not null) Publish(Interlocked.Add(ref _done, functions));
    }

    /// <summary>Reports that every function is compiled.</summary>
    public void Finish()
    {
        if (_sink is not null) Publish(_total);
    }

    private void Publish(int done)
    {
        done = Math.Min(done, _total);
        // the count is read before the lock: a thread that lost the race may hold an older total, which is dropped
        lock (_lock)
        {
            if (done <= _reported) return;
            _reported = done;
            _sink!.Report(done, _total);
        }
    }
}
