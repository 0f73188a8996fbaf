using WasmSharp.Singlepass;
using WasmSharp.Wasi;

namespace WasmSharp.Emscripten.Tests;

/// <summary>Emscripten's file syscalls go through the WASI sandbox: --mapdir means the same, and no path, "..",
/// or symlink (absolute or relative) reaches outside the mapped directory.</summary>
public sealed class SandboxTests
{
    private static string Program(string name) => TestCase.Get("js", name).Wasm;

    private static WasmSharpCommand.Result Cat(string hostDir, string guestPath, string guestDir = "/data") =>
        WasmSharpCommand.Run(null, "run", "--mapdir", $"{guestDir}::{hostDir}", Program("cat"), guestPath);

    [Fact]
    public void Reads_a_file_in_the_mapped_directory()
    {
        using var dir = new WasmSharpCommand.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "inside.txt"), "inside\n");
        var r = Cat(dir.Path, "/data/inside.txt");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("inside\n", r.Stdout);
    }

    [Theory]
    [InlineData("/data/../etc/passwd")]
    [InlineData("/data/../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("../../etc/passwd")]
    [InlineData("/data/up/etc/passwd")]
    [InlineData("/data/absolute")]
    [InlineData("/data/etc-link/passwd")]
    public void No_path_escapes(string path)
    {
        using var dir = new WasmSharpCommand.TempDir();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "up"), "../../../../../../..");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "absolute"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "etc-link"), "/etc");
        var r = Cat(dir.Path, path);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"cannot open {path}: ", r.Stdout);
        Assert.DoesNotContain("root:", r.Stdout);
    }

    [Fact]
    public void Dot_dot_above_a_root_mapping_stays_inside_it()
    {
        using var dir = new WasmSharpCommand.TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "etc"));
        File.WriteAllText(Path.Combine(dir.Path, "etc", "passwd"), "the guest's own\n");
        var r = Cat(dir.Path, "/../../etc/passwd", guestDir: "/");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("the guest's own\n", r.Stdout);
    }

    [Fact]
    public void Writes_land_in_the_mapped_host_directory()
    {
        using var dir = new WasmSharpCommand.TempDir();
        var r = WasmSharpCommand.Run(null, "run", "--mapdir", "/data::" + dir.Path, Program("write"), "/data/sub-less.txt", "written");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("written\n", File.ReadAllText(Path.Combine(dir.Path, "sub-less.txt")));
    }

    [Fact]
    public void A_read_only_mapping_refuses_writes()
    {
        using var dir = new WasmSharpCommand.TempDir();
        var stdout = new MemoryStream();
        var config = new WasiConfig { Stdout = stdout }.WithArgs("write", "/data/x.txt", "no");
        config.PreopenDirectory(dir.Path, "/data", readOnly: true);
        using var module = Module.FromBytes(new Engine(new SinglepassCompiler()), File.ReadAllBytes(Program("write")));
        Assert.Equal(1, EmscriptenRunner.Run(module, config));
        Assert.Equal("cannot write /data/x.txt: Read-only file system\n", System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
