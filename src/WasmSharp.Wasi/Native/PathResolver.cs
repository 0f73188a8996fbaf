using System.Text;

namespace WasmSharp.Wasi.Native;

/// <summary>
/// Resolves guest paths without ever leaving the starting directory. Each component is opened with
/// <c>O_NOFOLLOW</c> relative to the previous one, so the kernel never walks a symlink or ".." on its own: this
/// code expands symlinks itself (relative targets only, at most <see cref="MaxSymlinks"/>) and refuses to climb
/// above the start. A symlink swapped in mid-walk makes the <c>O_NOFOLLOW</c> open fail instead of escaping.
/// </summary>
internal static class PathResolver
{
    public const int MaxSymlinks = 40;

    /// <summary>Resolves <paramref name="path"/> relative to <paramref name="startFd"/>. The final component is
    /// followed when it is a symlink and <paramref name="followFinal"/> is set; callers that open or stat pass true
    /// for a trailing slash too (POSIX follows "link/"), while mkdir, unlink, rename and the like pass the slash to
    /// the kernel, which never follows a final symlink for those.</summary>
    /// <exception cref="WasiErrnoException">ENOTCAPABLE for escapes, ELOOP, ENOENT, ENOTDIR, EINVAL for NUL.</exception>
    public static ResolvedPath Resolve(int startFd, string path, bool followFinal)
    {
        if (path.Length == 0) throw new WasiErrnoException(Errno.NoEnt);
        if (path.Contains('\0')) throw new WasiErrnoException(Errno.Inval);
        if (path[0] == '/') throw new WasiErrnoException(Errno.NotCapable);

        var opened = new List<HostFd>();
        try
        {
            return Walk(startFd, path, followFinal, opened);
        }
        catch
        {
            foreach (var fd in opened) fd.Dispose();
            throw;
        }
    }

    private static ResolvedPath Walk(int startFd, string path, bool followFinal, List<HostFd> opened)
    {
        bool trailingSlash = path.EndsWith('/');
        var pending = new Stack<string>();
        Push(pending, path);
        int symlinks = 0;
        while (true)
        {
            int current = opened.Count == 0 ? startFd : opened[^1].Fd;
            if (pending.Count == 0) return new ResolvedPath(current, ".", trailingSlash, opened);
            string name = pending.Pop();
            bool last = pending.Count == 0;
            if (name == ".") continue;
            if (name == "..")
            {
                if (opened.Count == 0) throw new WasiErrnoException(Errno.NotCapable);
                opened[^1].Dispose();
                opened.RemoveAt(opened.Count - 1);
                continue;
            }
            if (last && !followFinal) return new ResolvedPath(current, name, trailingSlash, opened);

            string? target = ReadLink(current, name);
            if (target is not null)
            {
                if (++symlinks > MaxSymlinks) throw new WasiErrnoException(Errno.Loop);
                if (target.StartsWith('/')) throw new WasiErrnoException(Errno.NotCapable);
                if (last && target.EndsWith('/')) trailingSlash = true;
                Push(pending, target);
                continue;
            }
            if (last) return new ResolvedPath(current, name, trailingSlash, opened);
            // O_PATH: only a place to resolve from, so search permission suffices (no read needed)
            opened.Add(HostFd.OpenAt(current, name, Posix.O_PATH | Posix.O_DIRECTORY | Posix.O_NOFOLLOW));
        }
    }

    /// <summary>Pushes the components of <paramref name="path"/> so that the first is popped first; empty
    /// components (from "a//b" or a trailing slash) are dropped.</summary>
    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }

    /// <summary>The target of <paramref name="name"/> when it is a symlink; null when it is anything else or
    /// does not exist (the caller's next call reports that).</summary>
    public static unsafe string? ReadLink(int dirFd, string name)
    {
        int size = 256;
        while (true)
        {
            var buf = new byte[size];
            nint n;
            fixed (byte* p = buf) n = Posix.readlinkat(dirFd, name, p, (nuint)size);
            if (n < 0)
            {
                int errno = Posix.LastErrno;
                if (errno is Posix.EINVAL or Posix.ENOENT) return null;
                throw new WasiErrnoException(ErrnoMap.FromLinux(errno));
            }
            if (n < size) return Encoding.UTF8.GetString(buf, 0, (int)n);
            size *= 2;
        }
    }
}
