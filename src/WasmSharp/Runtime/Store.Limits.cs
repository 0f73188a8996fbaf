using WasmSharp.Runtime;

namespace WasmSharp;

// The resource limiter: counts of instances, memories and tables, and the growth checks Memory and Table ask for.
public sealed partial class Store
{
    private int _instanceCount;
    private int _memoryCount;
    private int _tableCount;

    /// <summary>Consulted before the store's memories and tables are created or grown and before instantiation
    /// (see <see cref="IResourceLimiter"/>); null, the default, allows everything up to the implementation limits.
    /// Set it before instantiating; changing it later applies to later growth and creation only.</summary>
    public IResourceLimiter? Limiter { get; set; }

    /// <summary>Counts a new instance of <paramref name="module"/>, first checking that it, its memories and its
    /// tables fit the limiter's counts (so that nothing is allocated for an instantiation that cannot succeed).</summary>
    /// <exception cref="ResourceLimitException">A count would go over its limit.</exception>
    internal void AdmitInstance(Module module)
    {
        if (Limiter is { } limiter)
        {
            var m = module.Info;
            string what = $"instantiating module {module.Name ?? "(unnamed)"}";
            CheckCount(_instanceCount + 1, limiter.Instances, "instances", what);
            CheckCount(_memoryCount + m.Memories.Count - m.ImportedMemoryCount, limiter.Memories, "memories", what);
            CheckCount(_tableCount + m.Tables.Count - m.ImportedTableCount, limiter.Tables, "tables", what);
        }
        _instanceCount++;
    }

    /// <summary>Counts a new memory of <paramref name="limits"/> after asking the limiter for its initial size.</summary>
    internal void AdmitMemory(Limits limits, string description)
    {
        if (Limiter is { } limiter)
        {
            CheckCount(_memoryCount + 1, limiter.Memories, "memories", $"creating {description}");
            ulong bytes = (ulong)limits.Min * MemoryType.PageSize;
            if (!limiter.MemoryGrowing(0, bytes, Bytes(limits.Max)))
                throw new ResourceLimitException($"{description} needs {limits.Min} pages ({bytes} bytes), denied by the store's resource limiter{MemoryLimitText(limiter)}");
        }
        _memoryCount++;
    }

    /// <summary>Counts a new table of <paramref name="limits"/> after asking the limiter for its initial size.</summary>
    internal void AdmitTable(Limits limits)
    {
        if (Limiter is { } limiter)
        {
            CheckCount(_tableCount + 1, limiter.Tables, "tables", "creating a table");
            if (!limiter.TableGrowing(0, limits.Min, limits.Max))
                throw new ResourceLimitException($"a table of {limits.Min} elements is denied by the store's resource limiter{TableLimitText(limiter)}");
        }
        _tableCount++;
    }

    /// <summary>Whether the limiter lets a memory grow. <paramref name="fromWasm"/>: asked by a running
    /// <c>memory.grow</c>, where no exception may escape: one the limiter throws is parked (and re-thrown to the
    /// caller of Wasm), the grow fails, and the call is stopped at its next check.</summary>
    internal bool AllowsMemoryGrowth(ulong currentBytes, ulong desiredBytes, uint? maxPages, bool fromWasm) =>
        Limiter is not { } limiter || Ask(() => limiter.MemoryGrowing(currentBytes, desiredBytes, Bytes(maxPages)), fromWasm);

    /// <summary>Whether the limiter lets a table grow; <paramref name="fromWasm"/> as for memories.</summary>
    internal bool AllowsTableGrowth(uint current, uint desired, uint? max, bool fromWasm) =>
        Limiter is not { } limiter || Ask(() => limiter.TableGrowing(current, desired, max), fromWasm);

    private bool Ask(Func<bool> question, bool fromWasm)
    {
        if (!fromWasm) return question();
        try
        {
            return question();
        }
        catch (Exception e)
        {
            ParkException(e);
            RequestStop(StopRequest.HostError);
            return false;
        }
    }

    private static ulong? Bytes(uint? pages) => pages is { } p ? (ulong)p * MemoryType.PageSize : null;

    private static void CheckCount(long count, int limit, string what, string doing)
    {
        if (count > limit)
            throw new ResourceLimitException($"{doing} would make {count} {what} in the store, over the resource limiter's limit of {limit}");
    }

    private static string MemoryLimitText(IResourceLimiter limiter) =>
        limiter is StoreLimits { MemoryBytes: { } max } ? $" (StoreLimits.MemoryBytes is {max})" : "";

    private static string TableLimitText(IResourceLimiter limiter) =>
        limiter is StoreLimits { TableElements: { } max } ? $" (StoreLimits.TableElements is {max})" : "";
}
