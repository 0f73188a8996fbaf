using WasmSharp.Runtime.Native;

namespace WasmSharp.Runtime;

/// <summary>
/// How an engine lays out linear memories in address space, decided once when the engine is created because code is
/// compiled for it: either every memory reserves its whole 4 GiB index range plus a guard region, so out-of-bounds
/// accesses fault and compiled code checks nothing (<see cref="GuardPages"/>), or memories reserve only what they can
/// reach and compiled code compares every access against the length. A memory never moves: compiled code keeps its
/// base in a register across calls and grows, so a memory grows only within its reservation.
/// </summary>
public sealed record MemoryPlan(bool GuardPages, ulong Reservation, ulong GuardSize)
{
    /// <summary>4 GiB: the 32-bit address space.</summary>
    public const ulong FourGiB = 1UL << 32;

    /// <summary>Guard needed to elide every check: an index below 4 GiB plus an offset below 4 GiB plus the access
    /// size (at most 16 bytes), rounded up to a Wasm page.</summary>
    public const ulong RequiredGuard = FourGiB + MemoryType.PageSize;

    /// <summary>Under a finite address-space limit, guard pages are used only when the limit leaves room for this
    /// many guarded memories besides the .NET runtime's own reservations.</summary>
    private const ulong GuardedMemoriesUnderLimit = 64;

    /// <summary>Under a finite limit, the default reservation per memory is this fraction of it.</summary>
    private const ulong LimitShare = 16;

    /// <summary>The plan for <paramref name="config"/>: its explicit settings, else defaults that fit the process's
    /// address-space limit (<c>ulimit -v</c>).</summary>
    public static MemoryPlan For(EngineConfig config) => For(config, Libc.AddressSpaceLimit());

    /// <summary>The plan for <paramref name="config"/> in a process limited to <paramref name="addressSpaceLimit"/>
    /// bytes of address space (null: unlimited).</summary>
    public static MemoryPlan For(EngineConfig config, ulong? addressSpaceLimit)
    {
        bool roomy = addressSpaceLimit is not { } limit || limit / GuardedMemoriesUnderLimit >= FourGiB + RequiredGuard;
        ulong reservation = config.MemoryReservation ?? (roomy ? FourGiB : ShareOf(addressSpaceLimit!.Value));
        ulong guard = config.MemoryGuardSize ?? (roomy ? RequiredGuard : 0);
        reservation = RoundUp(Math.Min(reservation, FourGiB));
        guard = RoundUp(guard);
        bool guardPages = config.SignalBasedBoundsChecks && reservation >= FourGiB && guard >= RequiredGuard;
        return new MemoryPlan(guardPages, reservation, guard);
    }

    private static ulong ShareOf(ulong limit) => Math.Max(limit / LimitShare, MemoryType.PageSize);

    private static ulong RoundUp(ulong bytes) => (bytes + MemoryType.PageSize - 1) / MemoryType.PageSize * MemoryType.PageSize;

    /// <summary>Address space to reserve for a memory with these limits. With guard pages: everything compiled code
    /// can address. Without: the bytes its maximum can reach, capped at <see cref="Reservation"/> but never below
    /// its minimum (and at least one page, so the base is a real address).</summary>
    public ulong ReservationFor(Limits limits)
    {
        if (GuardPages) return FourGiB + GuardSize;
        ulong min = (ulong)limits.Min * MemoryType.PageSize;
        ulong max = (ulong)(limits.Max ?? MemoryType.MaxPages) * MemoryType.PageSize;
        return Math.Max(Math.Max(min, Math.Min(max, Reservation)), MemoryType.PageSize);
    }
}
