using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>One decoded subscription.</summary>
    private readonly record struct Subscription(ulong Userdata, EventType Type, uint ClockId, ulong Timeout, bool AbsTime, int Fd);

    /// <summary>What became of a descriptor subscription: ready (with bytes available, or hung up), failed with an
    /// errno, or still waiting on a host descriptor that is not a file.</summary>
    private readonly record struct Readiness(Errno Error, ulong NBytes, bool HangUp, int? WaitOnHostFd);

    private const ushort EventRwHangup = 1;

    /// <summary>
    /// Files and the embedder's streams are always ready; host terminals, pipes and sockets (inherited stdio) are
    /// asked with poll(2). Ready or failed descriptors are reported at once; otherwise the call waits for the first
    /// host descriptor to become ready or the earliest clock to expire, and reports what happened by then.
    /// </summary>
    internal Errno PollOneoff(uint inPtr, uint outPtr, uint nsubscriptions, uint neventsPtr, bool unstableLayout = false) => Guard(() =>
    {
        if (nsubscriptions == 0) throw new WasiErrnoException(Errno.Inval);
        var subs = ReadSubscriptions(inPtr, nsubscriptions, unstableLayout);
        Mem.Span(outPtr, (ulong)nsubscriptions * 32);
        Mem.WriteU32(neventsPtr, 0);

        int events = 0;
        var waiting = new List<(Subscription Sub, int HostFd)>();
        foreach (var s in subs.Where(s => s.Type != EventType.Clock))
        {
            var r = FdReadiness(s);
            if (r.WaitOnHostFd is int hostFd) waiting.Add((s, hostFd));
            else WriteEvent(outPtr, events++, s, r);
        }
        if (events == 0) events = Wait(subs, waiting, outPtr);
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

    private Readiness FdReadiness(Subscription s)
    {
        if (!_fds.Contains(s.Fd)) return new(Errno.Badf, 0, false, null);
        var d = _fds.Get(s.Fd);
        if ((d.Base & (Rights.PollFdReadwrite | Rights.FdRead | Rights.FdWrite)) == 0) return new(Errno.NotCapable, 0, false, null);
        if (d is HostDescriptor { Filetype: not (Filetype.RegularFile or Filetype.Directory) } stream)
            return PollHost(stream.Fd, s.Type, 0) ?? new(Errno.Success, 0, false, stream.Fd);
        if (s.Type == EventType.FdRead && d is HostDescriptor { IsDirectory: false } h)
        {
            long pos = Posix.lseek(h.Fd, 0, 1);
            var size = FileStat.Of(h.Fd).Size;
            return new(Errno.Success, pos >= 0 && (ulong)pos < size ? size - (ulong)pos : 0, false, null);
        }
        if (s.Type == EventType.FdRead && d is WindowsDescriptor { IsDirectory: false } w)
        {
            long size = RandomAccess.GetLength(w.Handle);
            return new(Errno.Success, w.Position < size ? (ulong)(size - w.Position) : 0, false, null);
        }
        return new(Errno.Success, 0, false, null);
    }

    /// <summary>Asks poll(2) about one host descriptor; null when it is not ready within the timeout.</summary>
    private static unsafe Readiness? PollHost(int hostFd, EventType type, int timeoutMs)
    {
        var p = new Posix.PollFd { Fd = hostFd, Events = type == EventType.FdRead ? Posix.POLLIN : Posix.POLLOUT };
        int n;
        do n = Posix.poll(&p, 1, timeoutMs);
        while (n < 0 && Posix.LastErrno == Posix.EINTR);
        if (n < 0) return new(WasiErrnoException.FromLastError().Errno, 0, false, null);
        if (n == 0) return null;
        return new(Errno.Success, 0, (p.Revents & (Posix.POLLHUP | Posix.POLLERR)) != 0, null);
    }

    /// <summary>Waits for the first of: an inherited descriptor ready, the earliest clock due.</summary>
    private int Wait(Subscription[] subs, List<(Subscription Sub, int HostFd)> waiting, uint outPtr)
    {
        var clocks = subs.Where(s => s.Type == EventType.Clock).Select(s => (Sub: s, Due: DueNanos(s))).ToArray();
        ulong? earliest = clocks.Length == 0 ? null : clocks.Min(c => c.Due);
        if (waiting.Count > 0)
        {
            int ready = WaitForHostFds(waiting, earliest, outPtr);
            if (ready > 0 || earliest is null) return ready;
        }
        if (earliest is null) return 0;
        SleepUntil(earliest.Value);
        int events = 0;
        foreach (var (sub, due) in clocks)
            if (due <= earliest) WriteEvent(outPtr, events++, sub, new(Errno.Success, 0, false, null));
        return events;
    }

    private unsafe int WaitForHostFds(List<(Subscription Sub, int HostFd)> waiting, ulong? deadline, uint outPtr)
    {
        var fds = waiting.Select(w => new Posix.PollFd { Fd = w.HostFd, Events = w.Sub.Type == EventType.FdRead ? Posix.POLLIN : Posix.POLLOUT }).ToArray();
        while (true)
        {
            int timeout = deadline is null ? -1 : MillisecondsUntil(deadline.Value);
            int n;
            fixed (Posix.PollFd* p = fds) n = Posix.poll(p, (nuint)fds.Length, timeout);
            if (n < 0 && Posix.LastErrno == Posix.EINTR) continue;
            if (n < 0) throw WasiErrnoException.FromLastError();
            int events = 0;
            for (int i = 0; i < fds.Length; i++)
                if (fds[i].Revents != 0)
                    WriteEvent(outPtr, events++, waiting[i].Sub, new(Errno.Success, 0, (fds[i].Revents & (Posix.POLLHUP | Posix.POLLERR)) != 0, null));
            return events;
        }
    }

    private static int MillisecondsUntil(ulong monotonicNanos)
    {
        ulong now = Now((uint)ClockId.Monotonic);
        return now >= monotonicNanos ? 0 : (int)Math.Min((monotonicNanos - now + 999_999) / 1_000_000, int.MaxValue);
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
    private void WriteEvent(uint outPtr, int index, Subscription s, Readiness r)
    {
        uint p = outPtr + (uint)index * 32;
        Mem.Span(p, 32).Clear();
        Mem.WriteU64(p, s.Userdata);
        Mem.WriteU16(p + 8, (ushort)r.Error);
        Mem.WriteU8(p + 10, (byte)s.Type);
        if (s.Type == EventType.Clock) return;
        Mem.WriteU64(p + 16, r.NBytes);
        if (r.HangUp) Mem.WriteU16(p + 24, EventRwHangup);
    }
}
