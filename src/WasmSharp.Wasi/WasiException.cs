namespace WasmSharp.Wasi;

/// <summary>Ends a WASI call early with an errno; the import wrapper turns it into the function's result.
/// Internal: the guest only ever sees the number.</summary>
internal sealed class WasiErrnoException(Errno errno) : Exception(errno.ToString())
{
    public Errno Errno { get; } = errno;

    /// <summary>Throws for a failed libc call (result &lt; 0), with the mapped errno.</summary>
    public static void ThrowIfFailed(long result)
    {
        if (result < 0) throw FromLastError();
    }

    public static WasiErrnoException FromLastError() => new(Native.ErrnoMap.FromLinux(Native.Posix.LastErrno));
}
