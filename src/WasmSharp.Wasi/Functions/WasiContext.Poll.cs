using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>One decoded subscription.</summary>
    private readonly record struct Subscription(ulong Userdata, EventType Type, uint ClockId, ulong Timeout, bool AbsTime, int Fd);

    /// <summary>
    /// Descriptor subscriptions are ready at once (files and the standard streams never block here; a bad one
    /// reports its errno in the event). When none is ready, sleeps until the earliest clock subscription is due
    /// and reports every clock that has expired by then.
    /// </summary>
    internal Errno PollOneoff(uint inPtr, uint outPtr, uint nsubscriptions, uint neventsPtr, bool unstableLayout = false) => Guard(() =>
    {
        if (nsubscriptions == 0) throw new WasiErrnoException(Errno.Inval);
        var subs = ReadSubscriptions(inPtr, nsubscriptions, unstableLayout);
        Mem.Span(outPtr, (ulong)nsubscriptions * 32);
        Mem.WriteU32(neventsPtr, 0);

        int events = 0;
        foreach (var s in subs)
            if (s.Type != EventType.Clock) WriteEvent(outPtr, events++, s, FdReadiness(s));
        if (events == 0) events = WaitForClocks(subs, outPtr);
        Mem.WriteU32(neventsPtr, (uint)events);
    });

    // subscription: userdata u64 @0, tag u8 @8, union @16. Clock (preview1): id u32 @16, timeout u64 @24,
    // precision u64 @32, flags u16 @40 (48 bytes). wasi_unstable puts an identifier u64 first: 56 bytes.
    private Subscription[] ReadSubscriptions(uint ptr, uint count, bool unstableLayout)
    {
        uint size = unstableLayout ? 56u : 48u;
        Mem.Span(ptr, (ulong)count * size);
        var subs = new Subscription[count];
        for (uint i = 0; i < count; i++, ptr += size)
        {
            ulong userdata = Mem.ReadU64(ptr);
            byte tag = Mem.ReadU8(ptr + 8);
            uint u = ptr + 16 + (unstableLayout && tag == 0 ? 8u : 0u);
            subs[i] = tag switch
            {
                0 => new Subscription(userdata, EventType.Clock, Mem.ReadU32(u), Mem.ReadU64(u + 8), (Mem.ReadU16(u + 24) & 1) != 0, -1),
                1 or 2 => new Subscription(userdata, (EventType)tag, 0, 0, false, (int)Mem.ReadU32(u)),
                _ => throw new WasiErrnoException(Errno.Inval),
            };
        }
        return subs;
    }

    /// <summary>Bytes available for a read subscription (0 when unknown), or the errno for a bad descriptor.</summary>
    private (Errno Error, ulong NBytes) FdReadiness(Subscription s)
    {
        if (!_fds.Contains(s.Fd)) return (Errno.Badf, 0);
        var d = _fds.Get(s.Fd);
        if ((d.Base & Rights.PollFdReadwrite) == 0 && (d.Base & (Rights.FdRead | Rights.FdWrite)) == 0) return (Errno.NotCapable, 0);
        if (s.Type == EventType.FdRead && d is HostDescriptor { IsDirectory: false } h)
        {
            long pos = Posix.lseek(h.Fd, 0, 1);
            var size = FileStat.Of(h.Fd).Size;
            return (Errno.Success, pos >= 0 && (ulong)pos < size ? size - (ulong)pos : 0);
        }
        return (Errno.Success, 0);
    }

    private int WaitForClocks(Subscription[] subs, uint outPtr)
    {
        var deadlines = subs.Where(s => s.Type == EventType.Clock).Select(s => (Sub: s, Due: DueNanos(s))).ToArray();
        ulong earliest = deadlines.Min(d => d.Due);
        SleepUntil(earliest);
        int events = 0;
        foreach (var (sub, due) in deadlines)
            if (due <= earliest) WriteEvent(outPtr, events++, sub, (Errno.Success, 0));
        return events;
    }

    /// <summary>The deadline on the monotonic clock, in nanoseconds.</summary>
    private static ulong DueNanos(Subscription s)
    {
        ulong now = Now((uint)ClockId.Monotonic);
        if (!s.AbsTime) return now + Math.Min(s.Timeout, ulong.MaxValue - now);
        // an absolute time is on its own clock: turn it into time left from now
        ulong clockNow = Now(s.ClockId);
        return s.Timeout <= clockNow ? now : now + (s.Timeout - clockNow);
    }

    private static void SleepUntil(ulong monotonicNanos)
    {
        while (true)
        {
            ulong now = Now((uint)ClockId.Monotonic);
            if (now >= monotonicNanos) return;
            ulong left = monotonicNanos - now;
            if (left < 1_000_000) { Thread.SpinWait(100); continue; }
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(left / 1_000_000.0, int.MaxValue)));
        }
    }

    // event: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite { nbytes u64 @16, flags u16 @24 } (32 bytes)
    private void WriteEvent(uint outPtr, int index, Subscription s, (Errno Error, ulong NBytes) r)
    {
        uint p = outPtr + (uint)index * 32;
        Mem.Span(p, 32).Clear();
        Mem.WriteU64(p, s.Userdata);
        Mem.WriteU16(p + 8, (ushort)r.Error);
        Mem.WriteU8(p + 10, (byte)s.Type);
        if (s.Type != EventType.Clock) Mem.WriteU64(p + 16, r.NBytes);
    }
}
