using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi.Descriptors;

/// <summary>A file or directory of the host, held open by a Linux descriptor the guest never sees.</summary>
internal sealed class HostDescriptor : Descriptor
{
    public HostFd Handle { get; }
    public override Filetype Filetype { get; }

    /// <summary>For a pre-opened directory: the name the guest knows it by (<c>fd_prestat_dir_name</c>).</summary>
    public string? PreopenName { get; init; }

    public bool IsDirectory => Filetype == Filetype.Directory;

    /// <summary>The host's own stdin, stdout or stderr: its open file description is shared with the process that
    /// started us, so the guest may not change its flags, and closing the guest's entry leaves it open.</summary>
    public bool SharedWithHost { get; init; }

    /// <summary>Writes that failed with EPIPE so far (see <c>WasiContext.FdWrite</c>).</summary>
    public int BrokenPipeWrites { get; set; }

    public HostDescriptor(HostFd handle, Filetype filetype, Rights @base, Rights inheriting)
    {
        Handle = handle;
        Filetype = filetype;
        Base = @base;
        Inheriting = inheriting;
    }

    public int Fd => Handle.Fd;

    public override void Dispose() => Handle.Dispose();
}
