namespace WasmSharp.Wasi.Native;

/// <summary>
/// A path resolved inside the sandbox: the directory that holds its last component (a host descriptor that lies
/// within the starting directory) and that component's name, never containing a slash.
/// </summary>
internal sealed class ResolvedPath(int dirFd, string name, bool trailingSlash, List<HostFd> opened) : IDisposable
{
    public int DirFd { get; } = dirFd;

    /// <summary>The last component, or "." when the path names the directory itself.</summary>
    public string Name { get; } = name;

    /// <summary>The guest wrote a trailing slash: the target must be a directory.</summary>
    public bool TrailingSlash { get; } = trailingSlash;

    /// <summary>The name as given to calls that do not follow a final symlink anyway (mkdir, unlink, rename...),
    /// keeping the slash so the kernel applies its directory rules.</summary>
    public string KernelName => TrailingSlash && Name != "." ? Name + "/" : Name;

    public void Dispose()
    {
        foreach (var fd in opened) fd.Dispose();
    }
}
