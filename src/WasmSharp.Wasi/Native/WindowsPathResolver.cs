namespace WasmSharp.Wasi.Native;

/// <summary>A guest path resolved on Windows: the host directory holding its last component (checked to lie inside
/// the starting directory) and that component's name ("." when the path names the directory itself).</summary>
internal readonly record struct WindowsResolvedPath(string DirPath, string Name, bool TrailingSlash)
{
    public string HostPath => Name == "." ? DirPath : DirPath + "\\" + Name;
}

/// <summary>
/// Resolves guest paths under a Windows directory without ever leaving it. Guest paths use "/" only; every
/// component is checked before it reaches Win32 (<see cref="CheckName"/>): no "\", no ":" (drive letters, alternate
/// data streams), no device names (CON, NUL.txt, COM1...), no trailing dot or space (which Win32 would strip,
/// naming another file). Each component is looked at without following it: a symlink is expanded here (relative
/// targets only, at most <see cref="PathResolver.MaxSymlinks"/>) and a junction or absolute link is refused, so
/// ".." can be counted and never climbs above the start. Case-insensitive names need nothing special: the checks
/// are on what a name is on disk, never on its spelling. Opens are re-checked afterwards against the final path
/// (<see cref="WindowsFile.FinalPath"/>), so a link swapped in mid-walk cannot lead out either.
/// </summary>
internal static class WindowsPathResolver
{
    public static WindowsResolvedPath Resolve(string startPath, string path, bool followFinal)
    {
        if (path.Length == 0) throw new WasiErrnoException(Errno.NoEnt);
        if (path.Contains('\0')) throw new WasiErrnoException(Errno.Inval);
        if (path[0] == '/') throw new WasiErrnoException(Errno.NotCapable);
        bool trailingSlash = path.EndsWith('/');
        var pending = new Stack<string>();
        Push(pending, path);
        var walked = new List<string>();
        int symlinks = 0;
        while (true)
        {
            string current = walked.Count == 0 ? startPath : startPath + "\\" + string.Join('\\', walked);
            if (pending.Count == 0) return new WindowsResolvedPath(current, ".", trailingSlash);
            string name = pending.Pop();
            bool last = pending.Count == 0;
            if (name == ".") continue;
            if (name == "..")
            {
                if (walked.Count == 0) throw new WasiErrnoException(Errno.NotCapable);
                walked.RemoveAt(walked.Count - 1);
                continue;
            }
            CheckName(name);
            if (last && !followFinal) return new WindowsResolvedPath(current, name, trailingSlash);
            string host = current + "\\" + name;
            uint attrs = WindowsFile.GetFileAttributes(host);
            if (attrs == WindowsFile.INVALID_FILE_ATTRIBUTES)
            {
                if (last) return new WindowsResolvedPath(current, name, trailingSlash);
                throw WindowsFile.LastError();
            }
            if ((attrs & WindowsFile.FILE_ATTRIBUTE_REPARSE_POINT) != 0 && ReadLink(host) is { } target)
            {
                if (++symlinks > PathResolver.MaxSymlinks) throw new WasiErrnoException(Errno.Loop);
                if (IsAbsolute(target)) throw new WasiErrnoException(Errno.NotCapable);
                if (last && target.EndsWith('/')) trailingSlash = true;
                Push(pending, target);
                continue;
            }
            if (last) return new WindowsResolvedPath(current, name, trailingSlash);
            if ((attrs & WindowsFile.FILE_ATTRIBUTE_DIRECTORY) == 0) throw new WasiErrnoException(Errno.NotDir);
            walked.Add(name);
        }
    }

    /// <summary>Rejects a name Win32 would read as something other than an entry of this directory (ENOTCAPABLE:
    /// a separator, a drive, a stream, a device) or could not store as given (EINVAL).</summary>
    public static void CheckName(string name)
    {
        foreach (char c in name)
        {
            if (c is '\\' or ':') throw new WasiErrnoException(Errno.NotCapable);
            if (c < 32 || c is '*' or '?' or '"' or '<' or '>' or '|') throw new WasiErrnoException(Errno.Inval);
        }
        if (name.EndsWith('.') || name.EndsWith(' ')) throw new WasiErrnoException(Errno.Inval);
        if (IsDeviceName(name)) throw new WasiErrnoException(Errno.NotCapable);
    }

    private static readonly string[] Devices = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"];

    /// <summary>CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and ¹²³), whatever the case, with any extension or trailing
    /// spaces before it: Win32 opens the device for all of them.</summary>
    public static bool IsDeviceName(string name)
    {
        int dot = name.IndexOf('.');
        string stem = (dot < 0 ? name : name[..dot]).TrimEnd(' ');
        if (Devices.Any(d => stem.Equals(d, StringComparison.OrdinalIgnoreCase))) return true;
        return stem.Length == 4 && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) ||
            stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase)) && (char.IsAsciiDigit(stem[3]) || stem[3] is '¹' or '²' or '³');
    }

    /// <summary>Anything Windows would read from a root rather than from the link's directory.</summary>
    private static bool IsAbsolute(string target) =>
        target.StartsWith('/') || target.Contains(':') || target.StartsWith("\\\\", StringComparison.Ordinal);

    /// <summary>The target of a symlink or junction, with "\" turned to "/" (links made by the host use "\");
    /// null for any other reparse point, which is then an ordinary file or directory.</summary>
    public static string? ReadLink(string host)
    {
        FileSystemInfo info = (WindowsFile.GetFileAttributes(host) & WindowsFile.FILE_ATTRIBUTE_DIRECTORY) != 0
            ? new DirectoryInfo(host) : new FileInfo(host);
        try
        {
            return info.LinkTarget?.Replace('\\', '/');
        }
        catch (IOException e) when (WindowsErrors.Of(e) is 4390)
        {
            return null;
        }
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }

    /// <summary>Refuses a handle whose final path is not <paramref name="root"/> or below it (case-insensitively,
    /// as Windows compares names).</summary>
    public static void CheckInside(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string root)
    {
        string final = WindowsFile.FinalPath(handle);
        bool inside = final.Equals(root, StringComparison.OrdinalIgnoreCase) ||
            (final.Length > root.Length && final.StartsWith(root, StringComparison.OrdinalIgnoreCase) &&
             (final[root.Length] == '\\' || root.EndsWith('\\')));
        if (!inside) throw new WasiErrnoException(Errno.NotCapable);
    }
}
