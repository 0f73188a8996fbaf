namespace WasmSharp;

/// <summary>
/// A <see cref="IResourceLimiter"/> with fixed limits, like Wasmtime's <c>StoreLimits</c>: each linear memory may
/// reach at most <see cref="MemoryBytes"/>, each table <see cref="TableElements"/>, and the store may hold
/// <see cref="Instances"/> instances, <see cref="Memories"/> memories and <see cref="Tables"/> tables. Unset sizes are
/// unlimited; the counts default to Wasmtime's 10,000.
/// </summary>
public sealed record StoreLimits : IResourceLimiter
{
    /// <summary>Wasmtime's default for the instance, memory and table counts.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>The most bytes one linear memory may have (null: unlimited).</summary>
    public ulong? MemoryBytes { get; init; }

    /// <summary>The most elements one table may have (null: unlimited).</summary>
    public uint? TableElements { get; init; }

    /// <summary>The most instances the store may hold.</summary>
    public int Instances { get; init => field = NonNegative(value); } = DefaultCount;

    /// <summary>The most memories the store may hold.</summary>
    public int Memories { get; init => field = NonNegative(value); } = DefaultCount;

    /// <summary>The most tables the store may hold.</summary>
    public int Tables { get; init => field = NonNegative(value); } = DefaultCount;

    /// <summary>Allows a memory up to <see cref="MemoryBytes"/>.</summary>
    public bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes) => desiredBytes <= (MemoryBytes ?? ulong.MaxValue);

    /// <summary>Allows a table up to <see cref="TableElements"/>.</summary>
    public bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) => desiredElements <= (TableElements ?? uint.MaxValue);

    private static int NonNegative(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count;
    }
}
