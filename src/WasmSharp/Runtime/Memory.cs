using WasmSharp.Runtime;
using WasmSharp.Runtime.Native;

namespace WasmSharp;

/// <summary>
/// A linear memory in native memory. The address range it may ever use is reserved once (see
/// <see cref="Engine.MemoryPlan"/>), so its base never moves; <see cref="Grow"/> only makes more of it accessible and
/// fails (-1) past the reservation. Instances that use it cache base and length in their VM context, and are told
/// when it grows. It lives as long as its store: once the store is disposed every member throws
/// <see cref="ObjectDisposedException"/>, and spans taken earlier must no longer be used.
/// </summary>
public sealed unsafe class Memory
{
    private readonly List<nint> _users = new();
    private readonly nint _base;
    private readonly ulong _reserved;
    private uint _pages;

    /// <summary>The store that owns the memory.</summary>
    public Store Store { get; }
    /// <summary>Maximum size in pages, if limited.</summary>
    public uint? MaxPages { get; }
    /// <summary>The current type: size and maximum.</summary>
    public MemoryType Type => new(new Limits(Pages, MaxPages));

    /// <summary>Current size in 64 KiB pages.</summary>
    public uint Pages
    {
        get
        {
            Store.ThrowIfDisposed();
            return Volatile.Read(ref _pages);
        }
    }

    /// <summary>Current size in bytes.</summary>
    public ulong Length => (ulong)Pages * MemoryType.PageSize;

    /// <summary>The memory's first byte; valid while the store is alive.</summary>
    public nint BasePointer
    {
        get
        {
            Store.ThrowIfDisposed();
            return _base;
        }
    }

    /// <summary>Base and length for operations under a running call, which holds the store and must not throw.</summary>
    internal byte* BaseInCall => (byte*)_base;
    internal ulong LengthInCall => (ulong)Volatile.Read(ref _pages) * MemoryType.PageSize;

    /// <summary>Address space reserved by the memories of every live store in the process, in bytes.</summary>
    public static long ReservedAddressSpace => MemoryReservations.ReservedBytes;

    /// <summary>Reserves and commits the memory; the caller holds a lease on <paramref name="store"/>.</summary>
    /// <exception cref="ResourceLimitException">The address space or memory for it cannot be had.</exception>
    internal Memory(Store store, MemoryType type, string description)
    {
        Store = store;
        MaxPages = type.Limits.Max;
        store.AdmitMemory(type.Limits, description);
        ulong bytes = store.Engine.MemoryPlan.ReservationFor(type.Limits);
        _base = MemoryReservations.TryReserve((nuint)bytes);
        if (_base == 0)
            throw new ResourceLimitException($"cannot reserve {Describe(bytes)} of address space for {description} ({LimitText()})");
        store.Native.AddReservation(_base, (nuint)bytes);
        // code that leaves bounds to the MMU may run in .NET's frames (CIL): its faults here must become traps
        if (store.Engine.MemoryPlan.GuardPages && GuardPageFaults.Supported) GuardPageFaults.Register(_base, (nuint)bytes);
        _reserved = bytes;
        if (!TryCommit(type.Limits.Min))
            throw new ResourceLimitException($"cannot commit {type.Limits.Min} pages ({Describe((ulong)type.Limits.Min * MemoryType.PageSize)}) for {description}");
        _pages = type.Limits.Min;
    }

    private static string LimitText() => Libc.AddressSpaceLimit() is { } limit
        ? $"the process's address-space limit, ulimit -v, is {Describe(limit)}"
        : "the address space is exhausted";

    private static string Describe(ulong bytes) => bytes >= 1UL << 30 ? $"{bytes / (double)(1UL << 30):0.##} GiB" : $"{bytes / (double)(1UL << 20):0.##} MiB";

    /// <summary>The memory's current bytes; the view does not follow later growth, and must not be used once the
    /// store is disposed.</summary>
    public Span<byte> Span
    {
        get
        {
            nint b = BasePointer;
            return new((void*)b, checked((int)Math.Min(Length, int.MaxValue)));
        }
    }

    /// <summary>A view of <paramref name="length"/> bytes at <paramref name="offset"/>; throws when out of bounds.</summary>
    public Span<byte> GetSpan(ulong offset, int length)
    {
        if (length < 0 || offset > Length || (ulong)length > Length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), "out of bounds memory access");
        return new Span<byte>((byte*)_base + offset, length);
    }

    /// <summary>Reads a <typeparamref name="T"/> at byte <paramref name="offset"/> (little-endian); out of bounds throws.</summary>
    public T Read<T>(ulong offset) where T : unmanaged
    {
        using var lease = Store.Lease();
        return System.Runtime.InteropServices.MemoryMarshal.Read<T>(GetSpan(offset, sizeof(T)));
    }

    /// <summary>Writes <paramref name="value"/> at byte <paramref name="offset"/> (little-endian); out of bounds throws.</summary>
    public void Write<T>(ulong offset, T value) where T : unmanaged
    {
        using var lease = Store.Lease();
        System.Runtime.InteropServices.MemoryMarshal.Write(GetSpan(offset, sizeof(T)), in value);
    }

    /// <summary>Grows by <paramref name="delta"/> pages; returns the old size in pages, or -1 when it cannot (over
    /// the maximum, denied by the store's <see cref="Store.Limiter"/>, past the reservation, or out of memory). An
    /// exception the limiter throws propagates.</summary>
    public int Grow(uint delta)
    {
        using var lease = Store.Lease();
        return TryGrow(delta, fromWasm: false);
    }

    /// <summary>Grow for compiled code (memory.grow): the running call holds the store, and nothing here may throw,
    /// because an exception cannot cross the native frames (even when the store was disposed meanwhile).</summary>
    internal int GrowInCall(uint delta) => TryGrow(delta, fromWasm: true);

    private int TryGrow(uint delta, bool fromWasm)
    {
        uint old = _pages;
        ulong target = (ulong)old + delta;
        if (target > (MaxPages ?? MemoryType.MaxPages) || target > MemoryType.MaxPages) return -1;
        if (delta == 0) return (int)old;
        if (!Store.AllowsMemoryGrowth((ulong)old * MemoryType.PageSize, target * MemoryType.PageSize, MaxPages, fromWasm)) return -1;
        if (!TryCommit((uint)target)) return -1;
        Volatile.Write(ref _pages, (uint)target);
        foreach (var vmctx in _users) ((VMContext*)vmctx)->MemoryLength = target * MemoryType.PageSize;
        return (int)old;
    }

    private bool TryCommit(uint pages)
    {
        ulong bytes = (ulong)pages * MemoryType.PageSize;
        return bytes <= _reserved && VirtualMemory.TryCommit(_base, (nuint)bytes);
    }

    /// <summary>Makes an instance's VM context follow this memory's base and length.</summary>
    internal void Attach(VMContext* vmctx)
    {
        vmctx->MemoryBase = (byte*)_base;
        vmctx->MemoryLength = Length;
        _users.Add((nint)vmctx);
    }
}
