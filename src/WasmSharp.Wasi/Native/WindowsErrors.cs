namespace WasmSharp.Wasi.Native;

/// <summary>Win32 error codes to WASI <see cref="Errno"/>: the ones file calls return map to their POSIX meaning;
/// anything else is EIO. Cases where Windows and POSIX disagree on the condition itself (unlinking a directory,
/// renaming over one) are checked before the call, not guessed from the code.</summary>
internal static class WindowsErrors
{
    public static Errno FromWin32(int error) => error switch
    {
        0 => Errno.Success,
        1 or 50 or 120 => Errno.NotSup,          // invalid function, not supported, not implemented
        2 or 3 or 161 => Errno.NoEnt,           // file / path not found, bad path name
        4 => Errno.Mfile,                       // too many open files
        5 or 1920 => Errno.Acces,               // access denied, cannot access file
        6 => Errno.Badf,                        // invalid handle
        8 or 14 => Errno.NoMem,
        17 => Errno.Xdev,                       // not the same device
        19 => Errno.Rofs,                       // write protected
        32 or 33 or 170 => Errno.Busy,          // sharing / lock violation, busy
        39 or 112 => Errno.NoSpc,               // disk full
        80 or 183 => Errno.Exist,               // file exists, already exists
        87 or 131 or 4390 => Errno.Inval,       // bad parameter, negative seek, not a reparse point
        123 => Errno.NoEnt,                     // invalid name (the resolver rejects bad names first)
        145 => Errno.NotEmpty,                  // directory not empty
        206 => Errno.NameTooLong,
        267 => Errno.NotDir,                    // the directory name is invalid
        1314 => Errno.Perm,                     // privilege not held (symlinks without developer mode)
        1921 => Errno.Loop,                     // cannot resolve file name (too many reparse points)
        _ => Errno.Io,
    };

    /// <summary>The Win32 code inside an <see cref="IOException"/> from .NET's file APIs, or null.</summary>
    public static int? Of(IOException e) => (e.HResult & 0xFFFF0000) == 0x80070000 ? e.HResult & 0xFFFF : null;
}
