namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>The module name of WASI preview1 imports.</summary>
    public const string Preview1Module = "wasi_snapshot_preview1";
    /// <summary>The module name of the older <c>wasi_unstable</c> imports.</summary>
    public const string UnstableModule = "wasi_unstable";

    private delegate Errno WasiCall(ReadOnlySpan<Value> a);

    /// <summary>Makes a context for <paramref name="config"/> and defines its functions in the linker. Bind it to
    /// the instance (<see cref="Bind(Instance)"/>) after <see cref="Linker.Instantiate"/>.</summary>
    public static WasiContext Define(Linker linker, WasiConfig config)
    {
        var ctx = new WasiContext(config);
        ctx.Define(linker);
        return ctx;
    }

    /// <summary>Defines every function of <c>wasi_snapshot_preview1</c>, and of the older <c>wasi_unstable</c>.</summary>
    public void Define(Linker linker)
    {
        foreach (var f in Functions()) linker.DefineFunction(f.Module, f.Name, f.Type, f.Callback);
    }

    /// <summary>One import this context provides.</summary>
    internal sealed record HostImport(string Module, string Name, FuncType Type, HostCallback Callback);

    /// <summary>Every function of both modules, with its type and body.</summary>
    internal List<HostImport> Functions()
    {
        var list = new List<HostImport>();
        AddModule(list, Preview1Module, unstable: false);
        AddModule(list, UnstableModule, unstable: true);
        return list;
    }

    // signatures: one letter per parameter, i = i32, I = i64; every function but proc_exit returns an i32 errno
    private void AddModule(List<HostImport> l, string m, bool unstable)
    {
        F(l, m, "args_get", "ii", a => ArgsGet(U(a, 0), U(a, 1)));
        F(l, m, "args_sizes_get", "ii", a => ArgsSizesGet(U(a, 0), U(a, 1)));
        F(l, m, "environ_get", "ii", a => EnvironGet(U(a, 0), U(a, 1)));
        F(l, m, "environ_sizes_get", "ii", a => EnvironSizesGet(U(a, 0), U(a, 1)));
        F(l, m, "clock_res_get", "ii", a => ClockResGet(U(a, 0), U(a, 1)));
        F(l, m, "clock_time_get", "iIi", a => ClockTimeGet(U(a, 0), L(a, 1), U(a, 2)));
        F(l, m, "random_get", "ii", a => RandomGet(U(a, 0), U(a, 1)));
        F(l, m, "fd_advise", "iIIi", a => FdAdvise(I(a, 0), L(a, 1), L(a, 2), U(a, 3)));
        F(l, m, "fd_allocate", "iII", a => FdAllocate(I(a, 0), L(a, 1), L(a, 2)));
        F(l, m, "fd_close", "i", a => FdClose(I(a, 0)));
        F(l, m, "fd_datasync", "i", a => FdDatasync(I(a, 0)));
        F(l, m, "fd_fdstat_get", "ii", a => FdFdstatGet(I(a, 0), U(a, 1)));
        F(l, m, "fd_fdstat_set_flags", "ii", a => FdFdstatSetFlags(I(a, 0), U(a, 1)));
        F(l, m, "fd_fdstat_set_rights", "iII", a => FdFdstatSetRights(I(a, 0), L(a, 1), L(a, 2)));
        F(l, m, "fd_filestat_get", "ii", a => FdFilestatGet(I(a, 0), U(a, 1), unstable));
        F(l, m, "fd_filestat_set_size", "iI", a => FdFilestatSetSize(I(a, 0), L(a, 1)));
        F(l, m, "fd_filestat_set_times", "iIIi", a => FdFilestatSetTimes(I(a, 0), L(a, 1), L(a, 2), U(a, 3)));
        F(l, m, "fd_pread", "iiiIi", a => FdPread(I(a, 0), U(a, 1), U(a, 2), L(a, 3), U(a, 4)));
        F(l, m, "fd_prestat_get", "ii", a => FdPrestatGet(I(a, 0), U(a, 1)));
        F(l, m, "fd_prestat_dir_name", "iii", a => FdPrestatDirName(I(a, 0), U(a, 1), U(a, 2)));
        F(l, m, "fd_pwrite", "iiiIi", a => FdPwrite(I(a, 0), U(a, 1), U(a, 2), L(a, 3), U(a, 4)));
        F(l, m, "fd_read", "iiii", a => FdRead(I(a, 0), U(a, 1), U(a, 2), U(a, 3)));
        F(l, m, "fd_readdir", "iiiIi", a => FdReaddir(I(a, 0), U(a, 1), U(a, 2), L(a, 3), U(a, 4)));
        F(l, m, "fd_renumber", "ii", a => FdRenumber(I(a, 0), I(a, 1)));
        F(l, m, "fd_seek", "iIii", a => FdSeek(I(a, 0), (long)L(a, 1), unstable ? UnstableWhence(U(a, 2)) : U(a, 2), U(a, 3)));
        F(l, m, "fd_sync", "i", a => FdSync(I(a, 0)));
        F(l, m, "fd_tell", "ii", a => FdTell(I(a, 0), U(a, 1)));
        F(l, m, "fd_write", "iiii", a => FdWrite(I(a, 0), U(a, 1), U(a, 2), U(a, 3)));
        F(l, m, "path_create_directory", "iii", a => PathCreateDirectory(I(a, 0), U(a, 1), U(a, 2)));
        F(l, m, "path_filestat_get", "iiiii", a => PathFilestatGet(I(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), unstable));
        F(l, m, "path_filestat_set_times", "iiiiIIi", a => PathFilestatSetTimes(I(a, 0), U(a, 1), U(a, 2), U(a, 3), L(a, 4), L(a, 5), U(a, 6)));
        F(l, m, "path_link", "iiiiiii", a => PathLink(I(a, 0), U(a, 1), U(a, 2), U(a, 3), I(a, 4), U(a, 5), U(a, 6)));
        F(l, m, "path_open", "iiiiiIIii", a => PathOpen(I(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), L(a, 5), L(a, 6), U(a, 7), U(a, 8)));
        F(l, m, "path_readlink", "iiiiii", a => PathReadlink(I(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5)));
        F(l, m, "path_remove_directory", "iii", a => PathRemoveDirectory(I(a, 0), U(a, 1), U(a, 2)));
        F(l, m, "path_rename", "iiiiii", a => PathRename(I(a, 0), U(a, 1), U(a, 2), I(a, 3), U(a, 4), U(a, 5)));
        F(l, m, "path_symlink", "iiiii", a => PathSymlink(U(a, 0), U(a, 1), I(a, 2), U(a, 3), U(a, 4)));
        F(l, m, "path_unlink_file", "iii", a => PathUnlinkFile(I(a, 0), U(a, 1), U(a, 2)));
        F(l, m, "poll_oneoff", "iiii", a => PollOneoff(U(a, 0), U(a, 1), U(a, 2), U(a, 3), unstable));
        l.Add(new HostImport(m, "proc_exit", new FuncType([ValType.I32], []), (a, _) => ProcExit(U(a, 0))));
        F(l, m, "proc_raise", "i", a => ProcRaise(U(a, 0)));
        F(l, m, "sched_yield", "", _ => SchedYield());
        F(l, m, "sock_accept", "iii", a => SockAccept(I(a, 0), U(a, 1), U(a, 2)));
        F(l, m, "sock_recv", "iiiiii", a => SockRecv(I(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5)));
        F(l, m, "sock_send", "iiiii", a => SockSend(I(a, 0), U(a, 1), U(a, 2), U(a, 3), U(a, 4)));
        F(l, m, "sock_shutdown", "ii", a => SockShutdown(I(a, 0), U(a, 1)));
    }

    private static void F(List<HostImport> list, string module, string name, string signature, WasiCall call)
    {
        var parameters = signature.Select(c => c == 'I' ? ValType.I64 : ValType.I32).ToArray();
        list.Add(new HostImport(module, name, new FuncType(parameters, [ValType.I32]), (a, r) => r[0] = Value.I32((int)call(a))));
    }

    private static int I(ReadOnlySpan<Value> a, int i) => a[i].AsInt32();
    private static uint U(ReadOnlySpan<Value> a, int i) => (uint)a[i].AsInt32();
    private static ulong L(ReadOnlySpan<Value> a, int i) => (ulong)a[i].AsInt64();

    /// <summary>wasi_unstable numbers whence cur 0, end 1, set 2; preview1 set 0, cur 1, end 2.</summary>
    internal static uint UnstableWhence(uint whence) => whence switch
    {
        0 => (uint)Whence.Cur,
        1 => (uint)Whence.End,
        2 => (uint)Whence.Set,
        _ => whence,
    };
}
