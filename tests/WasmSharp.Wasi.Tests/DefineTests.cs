namespace WasmSharp.Wasi.Tests;

public class DefineTests
{
    /// <summary>Every function of wasi_snapshot_preview1 (the witx, in its order).</summary>
    public static readonly string[] Preview1Functions =
    [
        "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
        "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
        "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
        "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
        "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
        "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
        "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
        "sock_recv", "sock_send", "sock_shutdown",
    ];

    [Fact]
    public void DefinesEveryPreview1FunctionInBothModules()
    {
        var linker = new Linker();
        using var ctx = WasiContext.Define(linker, new WasiConfig());
        Assert.Equal(46, Preview1Functions.Length);
        foreach (var name in Preview1Functions)
        {
            Assert.True(linker.IsDefined("wasi_snapshot_preview1", name), name);
            Assert.True(linker.IsDefined("wasi_unstable", name), name);
        }
    }

    [Fact]
    public void UnboundContextSaysWhatIsMissing()
    {
        using var ctx = new WasiContext(new WasiConfig());
        var e = Assert.Throws<InvalidOperationException>(() => ctx.FdWrite(1, 0, 0, 0));
        Assert.Contains("Bind", e.Message);
    }

    [Fact]
    public void MissingPreopenDirectoryFailsAtConstruction()
    {
        var config = new WasiConfig().PreopenDirectory("/nonexistent-wasmsharp-dir", "/");
        Assert.ThrowsAny<Exception>(() => new WasiContext(config));
    }
}
