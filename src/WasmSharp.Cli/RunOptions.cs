using WasmSharp.Wasi;

namespace WasmSharp.Cli;

/// <summary>What <c>wasmsharp run</c> was asked to do.</summary>
internal sealed record RunOptions(FileInfo File, string[] Args, string[] Dirs, string[] MapDirs, string[] Env, string? Invoke)
{
    /// <summary>The guest's WASI setup: host stdio, argv[0] the file's name (the guest's own arguments only for a
    /// command), the given variables and directories.</summary>
    public WasiConfig WasiConfig()
    {
        var config = new WasiConfig().InheritStdio();
        config.Args.Add(File.Name);
        config.Args.AddRange(Invoke is null ? Args : []);
        foreach (var e in Env)
        {
            int eq = e.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--env expects KEY=VALUE, got \"{e}\"");
            config.WithEnv(e[..eq], e[(eq + 1)..]);
        }
        foreach (var d in Dirs)
        {
            int sep = d.IndexOf("::", StringComparison.Ordinal);
            if (sep < 0) config.PreopenDirectory(Directory(d), d);
            else config.PreopenDirectory(Directory(d[..sep]), d[(sep + 2)..]);
        }
        foreach (var m in MapDirs)
        {
            int sep = m.IndexOf("::", StringComparison.Ordinal);
            if (sep <= 0) throw new UsageException($"--mapdir expects GUEST::HOST, got \"{m}\"");
            config.PreopenDirectory(Directory(m[(sep + 2)..]), m[..sep]);
        }
        return config;
    }

    private static string Directory(string hostPath)
    {
        string full = Path.GetFullPath(hostPath);
        if (!System.IO.Directory.Exists(full)) throw new DirectoryNotFoundException($"no such directory: {hostPath}");
        return full;
    }
}
