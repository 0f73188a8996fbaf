using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi.Descriptors;

/// <summary>
/// The host's stdin, stdout or stderr passed straight to the guest: reads and writes are the host's own read(2) and
/// write(2) on descriptors 0-2 (no buffering of ours, so nothing is held back or reordered, and errors such as EPIPE
/// and ENOSPC reach the guest as they are). <c>fd_fdstat_get</c> tells the truth about what the descriptor is,
/// because wasi-libc decides from it how to buffer: a terminal is line-buffered, anything else fully buffered.
/// </summary>
internal static class InheritedStdio
{
    /// <summary>The guest's entry for host descriptor <paramref name="hostFd"/> (borrowed: never closed here),
    /// with the rights of standard input (<paramref name="readable"/>) or output.</summary>
    public static HostDescriptor Open(int hostFd, bool readable)
    {
        var filetype = TypeOf(hostFd);
        var rights = readable ? RightSets.Stdin : RightSets.Stdout;
        if (Seekable(hostFd, filetype)) rights |= Rights.FdSeek | Rights.FdTell;
        return new HostDescriptor(new HostFd(hostFd, owned: false), filetype, rights, Rights.None) { SharedWithHost = true };
    }

    /// <summary>The file type of the host descriptor; a pipe is <see cref="Filetype.Unknown"/> (preview1 has no
    /// FIFO type, and Wasmtime says the same), a closed descriptor too.</summary>
    private static Filetype TypeOf(int fd)
    {
        try
        {
            return FileStat.Of(fd).Filetype;
        }
        catch (WasiErrnoException)
        {
            return Filetype.Unknown;
        }
    }

    /// <summary>Files and devices other than terminals can seek. wasi-libc's <c>isatty</c> is "a character device
    /// without the seek and tell rights", so these rights are what tells a terminal from /dev/null.</summary>
    private static bool Seekable(int fd, Filetype filetype) => filetype switch
    {
        Filetype.RegularFile or Filetype.BlockDevice => true,
        Filetype.CharacterDevice => Posix.isatty(fd) != 1,
        _ => false,
    };
}
