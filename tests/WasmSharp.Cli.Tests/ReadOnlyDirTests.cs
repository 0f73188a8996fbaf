namespace WasmSharp.Cli.Tests;

/// <summary><c>--dir HOST::GUEST::ro</c>: the guest reads the directory but cannot change it, and the host's files
/// stay as they were. The guest calls WASI directly and prints each errno as two digits.</summary>
public class ReadOnlyDirTests
{
    /// <summary>Reads data.txt to stdout, then tries to create new.txt, truncate data.txt, open it for writing and
    /// write, unlink it, rename it and make a directory: one errno line per attempt (00 = success).</summary>
    private static readonly Lazy<string> Mutator = new(() => Cli.TempWat("""
        (module
          (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_rename" (func $rename (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 100) "data.txt")
          (data (i32.const 120) "new.txt")
          (data (i32.const 140) "moved.txt")
          (data (i32.const 160) "sub")
          ;; writes errno as two digits and a newline
          (func $report (param $e i32)
            (i32.store8 (i32.const 200) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
            (i32.store8 (i32.const 201) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
            (i32.store8 (i32.const 202) (i32.const 10))
            (i32.store (i32.const 8) (i32.const 200)) (i32.store (i32.const 12) (i32.const 3))
            (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0))))
          (func (export "_start")
            ;; read data.txt (rights: fd_read) and copy it to stdout
            (call $report (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 8) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 16)))
            (i32.store (i32.const 24) (i32.const 1000)) (i32.store (i32.const 28) (i32.const 100))
            (drop (call $read (i32.load (i32.const 16)) (i32.const 24) (i32.const 1) (i32.const 32)))
            (i32.store (i32.const 40) (i32.const 1000)) (i32.store (i32.const 44) (i32.load (i32.const 32)))
            (drop (call $write (i32.const 1) (i32.const 40) (i32.const 1) (i32.const 0)))
            ;; create new.txt, truncate data.txt
            (call $report (call $open (i32.const 3) (i32.const 0) (i32.const 120) (i32.const 7) (i32.const 1) (i64.const 66) (i64.const 0) (i32.const 0) (i32.const 16)))
            (call $report (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 8) (i32.const 8) (i64.const 66) (i64.const 0) (i32.const 0) (i32.const 16)))
            ;; open data.txt asking for fd_write, then write through it
            (i32.store (i32.const 20) (i32.const -1))
            (call $report (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 8) (i32.const 0) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 20)))
            (call $report (call $write (i32.load (i32.const 20)) (i32.const 40) (i32.const 1) (i32.const 0)))
            ;; unlink, rename, mkdir
            (call $report (call $unlink (i32.const 3) (i32.const 100) (i32.const 8)))
            (call $report (call $rename (i32.const 3) (i32.const 100) (i32.const 8) (i32.const 3) (i32.const 140) (i32.const 9)))
            (call $report (call $mkdir (i32.const 3) (i32.const 160) (i32.const 3)))))
        """));

    private const int NotCapable = 76;

    private static string HostDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"wasmsharp-ro-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "data.txt"), "hello\n");
        return dir;
    }

    [Fact]
    public void AReadOnlyDirCanBeReadButNotChanged()
    {
        string dir = HostDir();
        var r = Cli.Run("run", "--dir", $"{dir}::data::ro", Mutator.Value);
        Assert.Equal(0, r.ExitCode);
        string refused = $"{NotCapable:D2}\n";
        // read ok; create, truncate refused; open for writing gives a descriptor without the write right; write,
        // unlink, rename, mkdir refused
        Assert.Equal("00\nhello\n" + refused + refused + "00\n" + string.Concat(Enumerable.Repeat(refused, 4)), r.Stdout);
        Assert.Equal(["data.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dir, "data.txt")));
    }

    [Fact]
    public void TheSameDirWithoutRoIsWritable()
    {
        string dir = HostDir();
        var r = Cli.Run("run", "--dir", $"{dir}::data", Mutator.Value);
        Assert.Equal(0, r.ExitCode);
        // everything succeeds up to the rename, which finds data.txt already unlinked (ENOENT)
        Assert.Equal("00\nhello\n00\n00\n00\n00\n00\n44\n00\n", r.Stdout);
        Assert.Equal(["new.txt", "sub"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("{0}::data::rw")]
    [InlineData("{0}::::ro")]
    [InlineData("{0}::data::ro::x")]
    public void AMalformedDirIsAUsageError(string spec)
    {
        var r = Cli.Run("run", "--dir", string.Format(spec, HostDir()), Mutator.Value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--dir expects HOST, HOST::GUEST or HOST::GUEST::ro", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void HelpDocumentsTheReadOnlySpelling() =>
        Assert.Contains("HOST::GUEST::ro (read-only", Cli.Run("run", "--help").Stdout);
}
