using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Wasi;

// wasi_config_t: arguments, environment, standard streams (inherited, from or to files, stdin from bytes) and
// pre-opened directories. Nothing of the host is visible to the guest unless asked for.
internal static unsafe class WasiConfigExports
{
    private static WasiSetup Get(Obj* c) => Obj.Get<WasiSetup>(c, ObjKind.WasiConfig);

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_new")]
    private static Obj* New() => Obj.New(ObjKind.WasiConfig, new WasiSetup());

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_delete")]
    private static void Delete(Obj* c) => Errors.Guard(() => Obj.Delete(c, ObjKind.WasiConfig));

    /// <summary>Replaces the arguments; argv[0] is the program name the guest sees.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_argv")]
    private static bool SetArgv(Obj* c, int argc, byte** argv) => Errors.Guard(() =>
    {
        var args = Strings(argc, argv, "argv");
        var config = Get(c).Config;
        config.Args.Clear();
        config.Args.AddRange(args);
        return true;
    });

    /// <summary>Replaces the environment with <paramref name="envc"/> name/value pairs.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_env")]
    private static bool SetEnv(Obj* c, int envc, byte** names, byte** values) => Errors.Guard(() =>
    {
        var n = Strings(envc, names, "names");
        var v = Strings(envc, values, "values");
        var config = Get(c).Config;
        config.Environment.Clear();
        for (int i = 0; i < envc; i++) config.Environment.Add(new(n[i], v[i]));
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_inherit_env")]
    private static void InheritEnv(Obj* c) => Errors.Guard(() => Get(c).Config.WithInheritedEnvironment());

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_inherit_stdin")]
    private static void InheritStdin(Obj* c) => Errors.Guard(() => Get(c).Config.InheritStdin = true);

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_inherit_stdout")]
    private static void InheritStdout(Obj* c) => Errors.Guard(() => Get(c).Config.InheritStdout = true);

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_inherit_stderr")]
    private static void InheritStderr(Obj* c) => Errors.Guard(() => Get(c).Config.InheritStderr = true);

    /// <summary>The file must exist now; it is opened when the environment is made.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_stdin_file")]
    private static bool StdinFile(Obj* c, byte* path) => Errors.Guard(() =>
    {
        var p = Names.FromCString(path, "path");
        if (!File.Exists(p)) throw new FileNotFoundException($"no file {p}");
        Get(c).StdinPath = p;
        return true;
    });

    /// <summary>The guest reads these bytes (copied) as its stdin.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_stdin_bytes")]
    private static bool StdinBytes(Obj* c, Vec* bytes) => Errors.Guard(() =>
    {
        Get(c).StdinBytes = Vecs.Span<byte>(bytes).ToArray();
        return true;
    });

    /// <summary>The file is created (or truncated) when the environment is made.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_stdout_file")]
    private static bool StdoutFile(Obj* c, byte* path) => Errors.Guard(() =>
    {
        Get(c).StdoutPath = Names.FromCString(path, "path");
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasi_config_set_stderr_file")]
    private static bool StderrFile(Obj* c, byte* path) => Errors.Guard(() =>
    {
        Get(c).StderrPath = Names.FromCString(path, "path");
        return true;
    });

    /// <summary>Lets the guest use the host directory <paramref name="hostPath"/> under the name <paramref name="guestPath"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_config_preopen_dir")]
    private static bool PreopenDir(Obj* c, byte* hostPath, byte* guestPath) => Errors.Guard(() =>
    {
        var host = Names.FromCString(hostPath, "host_path");
        var guest = Names.FromCString(guestPath, "guest_path");
        if (!Directory.Exists(host)) throw new DirectoryNotFoundException($"no directory {host}");
        Get(c).Config.PreopenDirectory(host, guest);
        return true;
    });

    private static string[] Strings(int count, byte** items, string what)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(what, "count is negative");
        if (count > 0 && items == null) throw new ArgumentNullException(what, $"{what} is NULL");
        var result = new string[count];
        for (int i = 0; i < count; i++) result[i] = Names.FromCString(items[i], $"{what}[{i}]");
        return result;
    }
}
