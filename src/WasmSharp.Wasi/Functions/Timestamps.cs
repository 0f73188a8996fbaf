using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

/// <summary>Turns the (atim, mtim, fstflags) of <c>*_filestat_set_times</c> into utimensat's two timespecs.</summary>
internal static class Timestamps
{
    public static Posix.Timespec[] ToUtimens(ulong atim, ulong mtim, uint flags)
    {
        var f = (Fstflags)flags;
        // setting a time both to a value and to "now" is contradictory; unknown bits are rejected too
        if (flags > 0xF || (f.HasFlag(Fstflags.Atim) && f.HasFlag(Fstflags.AtimNow)) ||
            (f.HasFlag(Fstflags.Mtim) && f.HasFlag(Fstflags.MtimNow)))
            throw new WasiErrnoException(Errno.Inval);
        return [One(atim, f.HasFlag(Fstflags.Atim), f.HasFlag(Fstflags.AtimNow)),
                One(mtim, f.HasFlag(Fstflags.Mtim), f.HasFlag(Fstflags.MtimNow))];
    }

    private static Posix.Timespec One(ulong ns, bool set, bool now) => now
        ? new Posix.Timespec { Nsec = Posix.UTIME_NOW }
        : set ? new Posix.Timespec { Sec = (long)(ns / 1_000_000_000), Nsec = (long)(ns % 1_000_000_000) }
        : new Posix.Timespec { Nsec = Posix.UTIME_OMIT };
}
