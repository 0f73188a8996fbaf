namespace WasmSharp;

/// <summary>
/// Decides how much a store may allocate, as Wasmtime's <c>ResourceLimiter</c> does: set one on
/// <see cref="Store.Limiter"/> and the store consults it before every memory and table is created or grown, and
/// before every instantiation. <see cref="StoreLimits"/> is a ready-made one with fixed limits.
/// <para>A denied <c>memory.grow</c> or <c>table.grow</c> returns -1 to the guest (on every compiler: both go through
/// the runtime's grow); a denied instantiation, memory or table creation throws <see cref="ResourceLimitException"/>
/// naming the limit. An exception thrown by the limiter while Wasm runs is handled like a host function's: the grow
/// fails, the call stops at its next function entry or loop header, and the exception reaches the caller of the
/// Wasm function unchanged. Elsewhere (instantiation, the host API) it propagates directly.</para>
/// </summary>
public interface IResourceLimiter
{
    /// <summary>Whether a linear memory may grow from <paramref name="currentBytes"/> to
    /// <paramref name="desiredBytes"/>; <paramref name="maximumBytes"/> is its declared maximum (null: none). A new
    /// memory asks with <paramref name="currentBytes"/> 0 for its initial size. Only asked for growth the memory's
    /// own limits allow.</summary>
    bool MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes);

    /// <summary>Whether a table may grow from <paramref name="currentElements"/> to <paramref name="desiredElements"/>
    /// (a new table: from 0 to its initial size); <paramref name="maximumElements"/> is its declared maximum.</summary>
    bool TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements);

    /// <summary>The most instances the store may hold.</summary>
    int Instances { get; }

    /// <summary>The most memories the store may hold (defined by its instances or created by the host).</summary>
    int Memories { get; }

    /// <summary>The most tables the store may hold (defined by its instances or created by the host).</summary>
    int Tables { get; }
}
