using System.IO.Enumeration;
using System.Text;
using Microsoft.Win32.SafeHandles;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

/// <summary>The descriptor functions on Windows (<see cref="WindowsDescriptor"/>): POSIX behaviour over handles.</summary>
public sealed partial class WasiContext
{
    /// <summary>Like <see cref="Guard"/>, and an <see cref="IOException"/> from .NET's file calls becomes the errno
    /// its Win32 code maps to.</summary>
    private static Errno WinGuard(Action body) => Guard(() =>
    {
        try
        {
            body();
        }
        catch (IOException e) when (WindowsErrors.Of(e) is int code)
        {
            throw new WasiErrnoException(WindowsErrors.FromWin32(code));
        }
    });

    private void AddWindowsPreopen(WasiPreopen p, string host)
    {
        SafeFileHandle h;
        try
        {
            h = WindowsFile.OpenAttributes(host.StartsWith(@"\\", StringComparison.Ordinal) ? host : @"\\?\" + host, write: false);
        }
        catch (WasiErrnoException e)
        {
            throw new DirectoryNotFoundException($"cannot pre-open {host} as \"{p.GuestPath}\": {e.Errno}");
        }
        if (WindowsStat.Of(h).Filetype != Filetype.Directory)
        {
            h.Dispose();
            throw new DirectoryNotFoundException($"cannot pre-open {host} as \"{p.GuestPath}\": not a directory");
        }
        var all = RightSets.Directory | RightSets.RegularFile;
        var mask = p.ReadOnly ? ~RightSets.Mutating : ~Rights.None;
        _fds.Add(new WindowsDescriptor(h, Filetype.Directory, WindowsFile.FinalPath(h), RightSets.Directory & mask, all & mask) { PreopenName = p.GuestPath });
    }

    private WindowsDescriptor WinFile(Descriptor d)
    {
        if (d is not WindowsDescriptor w) throw new WasiErrnoException(Errno.Badf);
        if (w.IsDirectory) throw new WasiErrnoException(Errno.IsDir);
        return w;
    }

    /// <summary>Reads or writes the guest's buffers in order at <paramref name="offset"/>, or at the descriptor's
    /// position (then moved on) when it is -1; appends go to the end whatever the position, as with O_APPEND.</summary>
    private ulong WinTransfer(WindowsDescriptor w, (uint Ptr, uint Len)[] bufs, long offset, bool write)
    {
        if (w.IsDirectory) throw new WasiErrnoException(write ? Errno.Badf : Errno.IsDir);
        long pos = offset >= 0 ? offset : w.Position;
        if (write && w.Flags.HasFlag(Fdflags.Append)) pos = RandomAccess.GetLength(w.Handle);
        ulong total = 0;
        foreach (var (ptr, len) in bufs)
        {
            var span = Mem.Span(ptr, Math.Min(len, int.MaxValue - (uint)Math.Min(total, int.MaxValue)));
            if (write)
            {
                RandomAccess.Write(w.Handle, span, pos);
                pos += span.Length;
                total += (uint)span.Length;
                if (span.Length < len) break;
            }
            else
            {
                int n = RandomAccess.Read(w.Handle, span, pos);
                pos += n;
                total += (uint)n;
                if (n < len) break;
            }
        }
        if (offset < 0) w.Position = pos;
        return total;
    }

    private static ulong WinSeek(WindowsDescriptor w, long offset, int whence)
    {
        if (w.IsDirectory) throw new WasiErrnoException(Errno.Badf);
        long origin = (Whence)whence switch
        {
            Whence.Set => 0,
            Whence.Cur => w.Position,
            _ => RandomAccess.GetLength(w.Handle),
        };
        long target = origin + offset;
        if (offset > 0 ? target < origin : target < 0) throw new WasiErrnoException(Errno.Inval);
        w.Position = target;
        return (ulong)target;
    }

    /// <summary>NTFS commits directory changes through its own log and Windows has no call to flush a directory
    /// handle, so syncing one succeeds as it does on Linux.</summary>
    private static void WinSync(WindowsDescriptor w)
    {
        if (!w.IsDirectory) WindowsFile.Check(WindowsFile.FlushFileBuffers(w.Handle));
    }

    /// <summary>Windows has no advice call; the arguments are checked as on Linux and the hint is dropped.</summary>
    private Errno WinAdvise(int fd, ulong offset, ulong length, uint advice) => WinGuard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdAdvise);
        WinFile(d);
        if (advice > (uint)Advice.NoReuse || offset > long.MaxValue || length > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
    });

    /// <summary>Grows the file to cover the range (Windows allocates on extension); never shrinks it.</summary>
    private Errno WinAllocate(int fd, ulong offset, ulong length) => WinGuard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdAllocate);
        var w = WinFile(d);
        if (offset > long.MaxValue || length > long.MaxValue || length == 0 || offset + length > long.MaxValue)
            throw new WasiErrnoException(Errno.Inval);
        if ((long)(offset + length) > RandomAccess.GetLength(w.Handle)) RandomAccess.SetLength(w.Handle, (long)(offset + length));
    });

    private Errno WinSetSize(int fd, ulong size) => WinGuard(() =>
    {
        var d = _fds.Get(fd);
        d.Require(Rights.FdFilestatSetSize);
        var w = WinFile(d);
        if (size > long.MaxValue) throw new WasiErrnoException(Errno.Inval);
        RandomAccess.SetLength(w.Handle, (long)size);
    });

    /// <summary>Windows can change append and non-blocking (both kept here) but no sync flag of an open handle.</summary>
    private static void WinSetFlags(WindowsDescriptor w, Fdflags wanted)
    {
        if (wanted.HasFlag(Fdflags.Rsync)) wanted = (wanted & ~Fdflags.Rsync) | Fdflags.Sync;
        const Fdflags syncFlags = Fdflags.Dsync | Fdflags.Sync;
        if ((wanted & syncFlags) != (w.Flags & syncFlags)) throw new WasiErrnoException(Errno.NotSup);
        w.Flags = wanted;
    }

    /// <summary>The directory's entries: "." and ".." first, then the rest ordered by their UTF-8 bytes, as on
    /// Linux, so cookies (entry numbers) stay meaningful between calls while the directory does not change.</summary>
    private static List<DirEntry> WinList(WindowsDescriptor dir)
    {
        string path = dir.CurrentPath;
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        var names = new FileSystemEnumerable<string>(path, (ref FileSystemEntry e) => e.FileName.ToString(), options);
        var entries = new List<DirEntry>
        {
            new("."u8.ToArray(), WindowsStat.Of(dir.Handle).Ino, Filetype.Directory),
            new(".."u8.ToArray(), 0, Filetype.Directory),
        };
        var rest = new List<DirEntry>();
        foreach (var name in names) rest.Add(WinEntry(path + "\\" + name, name));
        rest.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        entries.AddRange(rest);
        return entries;
    }

    private static DirEntry WinEntry(string host, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        try
        {
            using var h = WindowsFile.OpenAttributes(host, write: false);
            var s = WindowsStat.Of(h);
            return new DirEntry(bytes, s.Ino, s.Filetype);
        }
        catch (WasiErrnoException)
        {
            return new DirEntry(bytes, 0, Filetype.Unknown); // gone or locked since it was listed
        }
    }
}
