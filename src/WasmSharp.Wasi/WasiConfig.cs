namespace WasmSharp.Wasi;

/// <summary>A directory of the host the guest may use, under the name <see cref="GuestPath"/>.</summary>
/// <param name="HostPath">The host directory; symlinks in it are resolved once, when the guest starts.</param>
/// <param name="GuestPath">The name the guest sees from <c>fd_prestat_dir_name</c>, e.g. "/" or ".".</param>
/// <param name="ReadOnly">Withhold every right that changes the file system.</param>
public sealed record WasiPreopen(string HostPath, string GuestPath, bool ReadOnly = false);

/// <summary>
/// What a WASI guest gets: its arguments (argv[0] included), its complete environment (nothing is inherited unless
/// added), the directories it may reach, and its standard streams. Streams left null are empty (stdin) or discarded
/// (stdout, stderr) unless the matching <c>Inherit*</c> flag passes the host's own stream through.
/// </summary>
public sealed class WasiConfig
{
    /// <summary>The arguments, argv[0] first.</summary>
    public List<string> Args { get; } = [];
    /// <summary>The complete environment the guest sees, in order.</summary>
    public List<KeyValuePair<string, string>> Environment { get; } = [];
    /// <summary>The directories the guest may reach.</summary>
    public List<WasiPreopen> Preopens { get; } = [];

    /// <summary>The guest's stdin, or null for an empty one.</summary>
    public Stream? Stdin { get; set; }
    /// <summary>Where the guest's stdout goes, or null to discard it.</summary>
    public Stream? Stdout { get; set; }
    /// <summary>Where the guest's stderr goes, or null to discard it.</summary>
    public Stream? Stderr { get; set; }

    /// <summary>Pass the host's stdin through.</summary>
    public bool InheritStdin { get; set; }
    /// <summary>Pass the host's stdout through.</summary>
    public bool InheritStdout { get; set; }
    /// <summary>Pass the host's stderr through.</summary>
    public bool InheritStderr { get; set; }

    /// <summary>Appends arguments; the first one the guest sees is argv[0], the program name.</summary>
    public WasiConfig WithArgs(params string[] args)
    {
        Args.AddRange(args);
        return this;
    }

    /// <summary>Adds the environment variable <paramref name="name"/>=<paramref name="value"/>.</summary>
    public WasiConfig WithEnv(string name, string value)
    {
        Environment.Add(new(name, value));
        return this;
    }

    /// <summary>Copies the host's environment variables in (the guest sees nothing of the host unless asked).</summary>
    public WasiConfig WithInheritedEnvironment()
    {
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            Environment.Add(new((string)e.Key, (string?)e.Value ?? ""));
        return this;
    }

    /// <summary>Lets the guest reach <paramref name="hostPath"/> as <paramref name="guestPath"/>; <paramref name="readOnly"/> withholds every right that changes the file system.</summary>
    public WasiConfig PreopenDirectory(string hostPath, string guestPath, bool readOnly = false)
    {
        Preopens.Add(new WasiPreopen(hostPath, guestPath, readOnly));
        return this;
    }

    /// <summary>Passes the host's stdin, stdout and stderr through (closing them in the guest leaves them open).</summary>
    public WasiConfig InheritStdio()
    {
        InheritStdin = InheritStdout = InheritStderr = true;
        return this;
    }
}
