using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi.Tests;

/// <summary>Every way out of a pre-open must fail, and nothing outside may change or be read.</summary>
public class SandboxTests
{
    private static readonly Errno[] Refused = [Errno.NotCapable, Errno.Perm];

    private static void AssertRefused(Errno e) => Assert.Contains(e, Refused);

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("..")]
    [InlineData("a/../../outside/secret")]
    [InlineData("a/../..")]
    [InlineData("./../outside/secret")]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    public void DotDotAndAbsolutePathsAreRefused(string path)
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("a"));
        AssertRefused(h.Open(path).Errno);
        AssertRefused(h.Open(path, follow: true).Errno);
        AssertRefused(PathTests.Stat(h, path, follow: true));
    }

    [Fact]
    public void DotDotInsideTheSandboxIsFine()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("a/b"));
        File.WriteAllText(h.Host("x"), "x");
        h.OpenOk("a/b/../../x");
        h.OpenOk("a/..", Oflags.Directory);
    }

    [Fact]
    public void HostSymlinkToEtcIsNotFollowed()
    {
        using var h = new WasiHarness();
        File.CreateSymbolicLink(h.Host("etc"), "/etc");
        AssertRefused(h.Open("etc/passwd").Errno);
        AssertRefused(h.Open("etc", Oflags.Directory, follow: true).Errno);
        AssertRefused(PathTests.Stat(h, "etc/passwd", follow: false));
        Assert.Contains(h.Open("etc", Oflags.Directory).Errno, new[] { Errno.Loop, Errno.NotDir });
    }

    [Fact]
    public void SymlinkToDotDotIsNotFollowed()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, PathTests.Symlink(h, "..", "up"));
        AssertRefused(h.Open("up/outside/secret").Errno);
        AssertRefused(h.Open("up", Oflags.Directory, follow: true).Errno);
        var (p, l) = h.Str("up/escaped");
        AssertRefused(h.Ctx.PathCreateDirectory(WasiHarness.Root, p, l));
        Assert.False(Directory.Exists(Path.Combine(h.Base, "escaped")));
    }

    [Fact]
    public void GuestCreatedSymlinkPointingOutsideIsInert()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("d"));
        Assert.Equal(Errno.Success, PathTests.Symlink(h, "../../outside/secret", "d/leak"));
        AssertRefused(h.Open("d/leak", follow: true).Errno);
        AssertRefused(h.Open("d/leak", Oflags.Creat | Oflags.Trunc, Rights.FdWrite, follow: true).Errno);
        Assert.Equal("secret", File.ReadAllText(Path.Combine(h.OutsideDir, "secret")));
        // and an absolute target cannot even be created
        AssertRefused(PathTests.Symlink(h, "/etc", "abs"));
    }

    [Fact]
    public void SymlinkChainThatEndsOutsideIsRefused()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("a/b"));
        PathTests.Symlink(h, "../..", "a/b/up2");     // a/b/up2 -> the sandbox root: fine
        PathTests.Symlink(h, "b/up2/..", "a/up3");    // a/up3 -> one above the root: not fine
        h.OpenOk("a/b/up2", Oflags.Directory, follow: true);
        AssertRefused(h.Open("a/up3/outside/secret").Errno);
    }

    [Fact]
    public void SymlinkLoopsAreEloop()
    {
        using var h = new WasiHarness();
        PathTests.Symlink(h, "loop", "loop");
        PathTests.Symlink(h, "b", "a");
        PathTests.Symlink(h, "a", "b");
        Assert.Equal(Errno.Loop, h.Open("loop", follow: true).Errno);
        Assert.Equal(Errno.Loop, h.Open("a/x").Errno);
        Assert.Equal(Errno.Loop, PathTests.Stat(h, "b", follow: true));
        Assert.Equal(Errno.Success, PathTests.Stat(h, "loop", follow: false));
    }

    [Fact]
    public void OpenedSubdirectoryIsItsOwnBoundary()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("sub"));
        File.WriteAllText(h.Host("sibling"), "s");
        int sub = h.OpenOk("sub", Oflags.Directory, Rights.PathOpen | Rights.FdReaddir);
        AssertRefused(h.Open("../sibling", dir: sub).Errno);
    }

    [Fact]
    public void DirectorySwappedForASymlinkMidResolutionDoesNotEscape()
    {
        // The race: a component is checked, then replaced by a symlink before the final open. The resolver holds
        // the real directory open, so the open lands in the moved directory, never outside.
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("sub"));
        File.WriteAllText(h.Host("sub/secret"), "inside");
        var root = (Descriptors.HostDescriptor)h.Ctx.Fds.Get(WasiHarness.Root);
        using var resolved = PathResolver.Resolve(root.Fd, "sub/secret", followFinal: false);
        Directory.Move(h.Host("sub"), h.Host("moved"));
        File.CreateSymbolicLink(h.Host("sub"), h.OutsideDir);
        using var fd = HostFd.OpenAt(resolved.DirFd, resolved.Name, Posix.O_RDONLY | Posix.O_NOFOLLOW);
        var stat = FileStat.Of(fd.Fd);
        Assert.Equal(FileStat.At(-100, h.Host("moved/secret"), follow: false).Ino, stat.Ino);
    }

    [Fact]
    public void IntermediateComponentReplacedBySymlinkFailsClosed()
    {
        // a symlink to outside sits where the walk expects a directory: O_NOFOLLOW|O_DIRECTORY refuses it
        using var h = new WasiHarness();
        File.CreateSymbolicLink(h.Host("sub"), h.OutsideDir);
        var root = (Descriptors.HostDescriptor)h.Ctx.Fds.Get(WasiHarness.Root);
        var e = Assert.Throws<WasiErrnoException>(() => HostFd.OpenAt(root.Fd, "sub", Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_NOFOLLOW));
        Assert.Contains(e.Errno, new[] { Errno.Loop, Errno.NotDir });
    }

    [Fact]
    public void RenameAndLinkCannotMoveThingsOut()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "f");
        var (a, al) = h.Str("f");
        var (b, bl) = h.Str("../outside/f");
        AssertRefused(h.Ctx.PathRename(WasiHarness.Root, a, al, WasiHarness.Root, b, bl));
        AssertRefused(h.Ctx.PathLink(WasiHarness.Root, 0, a, al, WasiHarness.Root, b, bl));
        AssertRefused(h.Ctx.PathLink(WasiHarness.Root, 0, b, bl, WasiHarness.Root, a, al));
        var (s, sl) = h.Str("../outside/secret");
        AssertRefused(h.Ctx.PathUnlinkFile(WasiHarness.Root, s, sl));
        Assert.True(File.Exists(Path.Combine(h.OutsideDir, "secret")));
    }
}
