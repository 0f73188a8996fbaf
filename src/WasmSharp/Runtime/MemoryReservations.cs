using WasmSharp.Runtime.Native;

namespace WasmSharp.Runtime;

/// <summary>Address-space reservations of linear memories, process-wide: made here so that they are counted, and so
/// that running out triggers one collection first (address space is not memory: the GC cannot know that dropped
/// stores hold it until their finalizers run).</summary>
internal static class MemoryReservations
{
    private static long _reservedBytes;

    /// <summary>Bytes reserved by memories not yet freed.</summary>
    public static long ReservedBytes => Volatile.Read(ref _reservedBytes);

    /// <summary>Reserves <paramref name="bytes"/> with no access, or returns 0 when even a collection does not free
    /// enough address space.</summary>
    public static nint TryReserve(nuint bytes)
    {
        nint p = VirtualMemory.TryReserve(bytes);
        if (p == 0)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            p = VirtualMemory.TryReserve(bytes);
        }
        if (p != 0) Interlocked.Add(ref _reservedBytes, (long)bytes);
        return p;
    }

    public static void Release(nint address, nuint bytes)
    {
        if (address == 0) return;
        GuardPageFaults.Unregister(address);
        VirtualMemory.Release(address, bytes);
        Interlocked.Add(ref _reservedBytes, -(long)bytes);
    }
}
