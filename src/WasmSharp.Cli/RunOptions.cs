using WasmSharp.Wasi;

namespace WasmSharp.Cli;

/// <summary>What <c>wasmsharp run</c> was asked to do.</summary>
internal sealed record RunOptions(FileInfo File, string[] Args, string[] Dirs, string[] MapDirs, string[] Env, string? Invoke, string? Argv0 = null)
{
    /// <summary>The guest's WASI setup: host stdio, argv[0] the file's name unless --argv0 says otherwise (the guest's
    /// own arguments only for a command), the given variables and directories.</summary>
    public WasiConfig WasiConfig()
    {
        var config = new WasiConfig().InheritStdio();
        config.Args.Add(Argv0 ?? File.Name);
        config.Args.AddRange(Invoke is null ? Args : []);
        foreach (var e in Env)
        {
            int eq = e.IndexOf('=');
            if (eq == 0 || e.Length == 0) throw new UsageException($"--env expects NAME=VALUE or NAME, got \"{e}\"");
            if (eq > 0) config.WithEnv(e[..eq], e[(eq + 1)..]);
            else config.WithEnv(e, Inherited(e));
        }
        foreach (var d in Dirs)
        {
            var (host, guest, readOnly) = DirSpec(d);
            config.PreopenDirectory(Directory(host), guest, readOnly);
        }
        foreach (var m in MapDirs)
        {
            int sep = m.IndexOf("::", StringComparison.Ordinal);
            if (sep <= 0) throw new UsageException($"--mapdir expects GUEST::HOST, got \"{m}\"");
            config.PreopenDirectory(Directory(m[(sep + 2)..]), m[..sep]);
        }
        return config;
    }

    /// <summary><c>--dir HOST[::GUEST][::ro]</c>: wasmtime's <c>HOST::GUEST</c>, plus the read-only suffix its
    /// maintainers proposed for it (wasmtime issue 9608), so a guest can read a tree it cannot change.</summary>
    internal static (string Host, string Guest, bool ReadOnly) DirSpec(string spec)
    {
        var parts = spec.Split("::");
        if (parts.Any(p => p.Length == 0) || parts.Length > 3 || (parts.Length == 3 && !IsReadOnlyFlag(parts[2])))
            throw new UsageException($"--dir expects HOST, HOST::GUEST or HOST::GUEST::ro, got \"{spec}\"");
        return (parts[0], parts.Length > 1 ? parts[1] : parts[0], parts.Length == 3);
    }

    private static bool IsReadOnlyFlag(string flag) => flag is "ro" or "readonly";

    /// <summary><c>--env NAME</c> passes the host's value on, as wasmtime does; an unset NAME is an error, not an
    /// empty variable, so a typo does not go unnoticed.</summary>
    private static string Inherited(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new UsageException($"--env {name}: {name} is not set in this environment (use --env {name}=VALUE)");

    private static string Directory(string hostPath)
    {
        string full = Path.GetFullPath(hostPath);
        if (!System.IO.Directory.Exists(full)) throw new DirectoryNotFoundException($"no such directory: {hostPath}");
        return full;
    }
}
