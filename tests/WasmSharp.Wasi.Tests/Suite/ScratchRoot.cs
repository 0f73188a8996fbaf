namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>
/// A private, writable copy of a test's root directory (shared/ is read-only and shared by parallel runs), with
/// every <c>*.cleanup</c> entry removed as the reference runner does. Deleted on dispose.
/// </summary>
public sealed class ScratchRoot : IDisposable
{
    public string Path { get; }

    public ScratchRoot(string source)
    {
        Path = Directory.CreateTempSubdirectory("wasi-suite-").FullName;
        Copy(new DirectoryInfo(source), new DirectoryInfo(Path));
        RemoveCleanupEntries(Path);
    }

    private static void Copy(DirectoryInfo from, DirectoryInfo to)
    {
        MakeWritable(to);
        foreach (var entry in from.EnumerateFileSystemInfos())
        {
            string target = System.IO.Path.Combine(to.FullName, entry.Name);
            if (entry.LinkTarget is { } link) File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo d) Copy(d, Directory.CreateDirectory(target));
            else MakeWritable(((FileInfo)entry).CopyTo(target));
        }
    }

    private static void MakeWritable(FileSystemInfo f)
    {
        if (OperatingSystem.IsWindows()) return;
        f.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite |
                          (f is DirectoryInfo ? UnixFileMode.UserExecute : UnixFileMode.None);
    }

    private static void RemoveCleanupEntries(string dir)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToList())
        {
            if (!entry.Name.EndsWith(".cleanup", StringComparison.Ordinal) || !entry.Exists && entry.LinkTarget is null) continue;
            if (entry is DirectoryInfo d && d.LinkTarget is null) d.Delete(recursive: true);
            else entry.Delete();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
