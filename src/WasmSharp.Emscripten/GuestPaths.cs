using WasmSharp.Wasi;
using WasmSharp.Wasi.Descriptors;

namespace WasmSharp.Emscripten;

/// <summary>
/// Emscripten programs see one tree rooted at "/" with a current directory, as emcc's FS gives them; WASI gives
/// pre-opened directories. A path is made absolute against the current directory, normalized the way the glue's
/// PATH.normalize does ("." and ".." by name, so "/data/../x" is "/x"), and the pre-open whose guest name is its
/// longest prefix takes the rest, relative — which the WASI path resolver then walks without ever leaving it.
/// No pre-open matches: ENOENT, as for a missing directory.
/// </summary>
internal sealed class GuestPaths(WasiContext? wasi)
{
    private readonly Dictionary<int, string> _fdPaths = new();
    private readonly Dictionary<int, int> _dirCursors = new();

    public string Cwd { get; set; } = "/";

    /// <summary><paramref name="path"/> made absolute (against <paramref name="dir"/> or the current directory) and normalized.</summary>
    public string Absolute(string path, string? dir = null)
    {
        string joined = path.StartsWith('/') ? path : (dir ?? Cwd) + "/" + path;
        var parts = new List<string>();
        foreach (var p in joined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else parts.Add(p);
        }
        string result = "/" + string.Join('/', parts);
        return path.EndsWith('/') && parts.Count > 0 ? result + "/" : result;
    }

    /// <summary>The pre-opened directory that holds absolute path <paramref name="abs"/>, and the path inside it.</summary>
    public (HostDescriptor Dir, string Relative) Locate(string abs)
    {
        HostDescriptor? best = null;
        string rest = "";
        int bestLength = -1;
        foreach (var (_, d) in wasi?.Fds.Entries ?? [])
        {
            if (d is not HostDescriptor { PreopenName: { } name } h) continue;
            string root = Absolute(name, "/").TrimEnd('/');
            if (root.Length <= bestLength) continue;
            if (abs == root || abs.StartsWith(root + "/", StringComparison.Ordinal) || root.Length == 0)
            {
                best = h;
                bestLength = root.Length;
                rest = abs[root.Length..].TrimStart('/');
            }
        }
        if (best is null) throw new WasiErrnoException(Errno.NoEnt);
        return (best, rest.Length == 0 || rest == "/" ? "." : rest);
    }

    public void Remember(int fd, string abs) => _fdPaths[fd] = abs;

    /// <summary>The path a descriptor was opened by (the glue's stream.path); EBADF when the program never opened it by path.</summary>
    public string PathOf(int fd) => _fdPaths.TryGetValue(fd, out var p) ? p : throw new WasiErrnoException(Errno.Badf);

    public string? TryPathOf(int fd) => _fdPaths.GetValueOrDefault(fd);

    public void Forget(int fd)
    {
        _fdPaths.Remove(fd);
        _dirCursors.Remove(fd);
    }

    /// <summary>A seek on a directory restarts its listing (rewinddir seeks to 0).</summary>
    public void Rewound(int fd) => _dirCursors.Remove(fd);

    public int Cursor(int fd) => _dirCursors.GetValueOrDefault(fd);

    public void SetCursor(int fd, int index) => _dirCursors[fd] = index;
}
