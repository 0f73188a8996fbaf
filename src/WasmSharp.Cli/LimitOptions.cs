using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>run</c>'s resource options: the most memory each of the guest's linear memories may have (a
/// <see cref="StoreLimits"/> on the store), and a wall-clock timeout (an epoch deadline, ticked by a timer).</summary>
internal sealed class LimitOptions
{
    public Option<string?> MaxMemory { get; } = new("--max-memory")
    {
        Description = "Limit each of the guest's linear memories to SIZE bytes (K/KiB, M/MiB, G/GiB suffixes): memory.grow beyond it " +
            "returns -1, a larger initial memory fails instantiation",
        HelpName = "SIZE",
    };

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "Stop the guest after DURATION of wall-clock time (e.g. 500ms, 2s, 1m): it traps at its next function entry or " +
            "loop header (exit 134)",
        HelpName = "DURATION",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(MaxMemory);
        command.Options.Add(Timeout);
    }

    /// <summary>The limits asked for; bad values are usage errors.</summary>
    public GuestLimits Parse(ParseResult parse)
    {
        ulong? memory = null;
        TimeSpan? timeout = null;
        if (parse.GetValue(MaxMemory) is { } m)
            memory = LimitValues.ParseSize(m) ?? throw new UsageException($"--max-memory expects a size such as 65536, 64K or 64MiB, got \"{m}\"");
        if (parse.GetValue(Timeout) is { } t)
            timeout = LimitValues.ParseDuration(t) ?? throw new UsageException($"--timeout expects a duration of at least 1ms such as 500ms, 2s or 1m, got \"{t}\"");
        return new GuestLimits(memory, timeout);
    }
}

/// <summary>Limits on one guest run: applied to its store before anything is instantiated.</summary>
internal sealed record GuestLimits(ulong? MaxMemoryBytes, TimeSpan? Timeout)
{
    public static readonly GuestLimits None = new(null, null);

    /// <summary>Sets the store's limiter and deadline; the returned timer (null without a timeout) advances the
    /// engine's epoch once when the time is up, and must be disposed when the guest is done.</summary>
    public IDisposable? Apply(Store store)
    {
        if (MaxMemoryBytes is { } bytes) store.Limiter = new StoreLimits { MemoryBytes = bytes };
        if (Timeout is not { } timeout) return null;
        store.SetEpochDeadline(1);
        var engine = store.Engine;
        return new Timer(_ => engine.IncrementEpoch(), null, timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>What the trap line adds for a trap these limits caused.</summary>
    public string? Hint(TrapException trap) =>
        trap.Kind == TrapKind.EpochDeadlineReached && Timeout is { } t ? $" (the --timeout of {LimitValues.Format(t)} ran out)" : null;
}
