using Microsoft.Win32.SafeHandles;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi.Descriptors;

/// <summary>
/// A file or directory of the host on Windows, held open by a handle the guest never sees. Windows handles have no
/// file position of their own that positional I/O leaves alone, so the position (and O_APPEND) is kept here and
/// every read or write is positional. <see cref="Root"/> is the final path of the pre-opened directory it came
/// from: anything opened through it must still lie below it.
/// </summary>
internal sealed class WindowsDescriptor : Descriptor
{
    public WindowsDescriptor(SafeFileHandle handle, Filetype filetype, string root, Rights @base, Rights inheriting)
    {
        Handle = handle;
        Filetype = filetype;
        Root = root;
        Base = @base;
        Inheriting = inheriting;
    }

    public SafeFileHandle Handle { get; }
    public override Filetype Filetype { get; }
    public string Root { get; }
    public bool IsDirectory => Filetype == Filetype.Directory;

    /// <summary>For a pre-opened directory: the name the guest knows it by (<c>fd_prestat_dir_name</c>).</summary>
    public string? PreopenName { get; init; }

    public long Position { get; set; }

    /// <summary>Append and non-blocking as the guest last set them; the sync flags as it opened with.</summary>
    public Fdflags Flags { get; set; }

    /// <summary>Where the directory is now (it may have been renamed since it was opened): paths resolve from here.</summary>
    public string CurrentPath => WindowsFile.FinalPath(Handle);

    public override void Dispose() => Handle.Dispose();
}
