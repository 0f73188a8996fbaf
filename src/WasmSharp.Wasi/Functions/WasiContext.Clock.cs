using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    internal Errno ClockResGet(uint id, uint resultPtr) => Guard(() => Mem.WriteU64(resultPtr, ClockResolution(id)));

    /// <summary>The precision argument is a hint only: the clock is read at its best resolution.</summary>
    internal Errno ClockTimeGet(uint id, ulong precision, uint resultPtr) => Guard(() => Mem.WriteU64(resultPtr, Now(id)));

    /// <summary>Nanoseconds on clock <paramref name="id"/>; the WASI ids are Linux's clock ids.</summary>
    internal static unsafe ulong Now(uint id)
    {
        if (OperatingSystem.IsWindows()) return WindowsClocks.Now(id);
        Posix.Timespec ts;
        if (id > (uint)ClockId.ThreadCputimeId || Posix.clock_gettime((int)id, &ts) != 0) throw new WasiErrnoException(Errno.Inval);
        return (ulong)(ts.Sec * 1_000_000_000L + ts.Nsec);
    }

    private static unsafe ulong ClockResolution(uint id)
    {
        if (OperatingSystem.IsWindows()) return WindowsClocks.Resolution(id);
        Posix.Timespec ts;
        if (id > (uint)ClockId.ThreadCputimeId || Posix.clock_getres((int)id, &ts) != 0) throw new WasiErrnoException(Errno.Inval);
        return Math.Max(1UL, (ulong)(ts.Sec * 1_000_000_000L + ts.Nsec));
    }
}
