namespace WasmSharp.Wasi.Tests;

/// <summary>
/// Random path operations over a soup of "..", ".", names and symlinks (guest-made ones pointing up and out, a
/// host-made one to an absolute path outside). Whatever succeeds must stay inside: every opened descriptor's real
/// path lies in the sandbox, and nothing outside it changes.
/// </summary>
public class SandboxFuzzTests
{
    private static readonly string[] Parts = ["..", ".", "a", "b", "c", "up", "out", "abs", "loop", "f", ""];
    private static readonly string[] Targets = ["..", "../..", "a/..", "../outside", "a", "b/../..", "f", "loop", "up/up", "."];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NothingEscapes(int seed)
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("a/b"));
        File.WriteAllText(h.Host("f"), "f");
        File.CreateSymbolicLink(h.Host("abs"), h.OutsideDir);
        File.CreateSymbolicLink(h.Host("a/up"), "../..");
        var before = Snapshot(h.Base, h.SandboxDir);
        var rng = new Random(seed);
        var g = new GuestApi(h);
        int opened = 0;

        for (int i = 0; i < 3000; i++)
        {
            string p = RandomPath(rng), q = RandomPath(rng);
            switch (rng.Next(9))
            {
                case 0 or 1:
                    var (e, fd) = g.PathOpen(3, (uint)rng.Next(2), p, (Oflags)rng.Next(16), Rights.FdRead | Rights.PathOpen, 0, 0);
                    if (e == Errno.Success)
                    {
                        AssertInside(h, fd);
                        opened++;
                        h.Ctx.FdClose(fd);
                    }
                    break;
                case 2: g.Mkdir(3, p); break;
                case 3: g.Symlink(Targets[rng.Next(Targets.Length)], 3, p); break;
                case 4: g.Rename(3, p, 3, q); break;
                case 5: g.Unlink(3, p); break;
                case 6: g.Rmdir(3, p); break;
                case 7: g.Link(3, (uint)rng.Next(2), p, 3, q); break;
                case 8: g.SetTimes(3, (uint)rng.Next(2), p, 0, 0, Fstflags.MtimNow); break;
            }
        }
        Assert.True(opened > 50, $"only {opened} opens succeeded: the soup is too hostile to test anything");
        Assert.Equal(before, Snapshot(h.Base, h.SandboxDir));
    }

    private static string RandomPath(Random rng)
    {
        int n = rng.Next(1, 5);
        var parts = Enumerable.Range(0, n).Select(_ => Parts[rng.Next(Parts.Length)]);
        string path = string.Join('/', parts);
        if (rng.Next(8) == 0) path += "/";
        return path.Length == 0 ? "." : path;
    }

    private static void AssertInside(WasiHarness h, int fd)
    {
        var d = (Descriptors.HostDescriptor)h.Ctx.Fds.Get(fd);
        string real = new FileInfo($"/proc/self/fd/{d.Fd}").LinkTarget!;
        Assert.True(real == h.SandboxDir || real.StartsWith(h.SandboxDir + "/"), $"escaped to {real}");
    }

    /// <summary>Everything under <paramref name="root"/> except the sandbox: names, types, sizes, times, link
    /// targets. Symlinks are recorded, never followed (the sandbox is full of links pointing up).</summary>
    private static string Snapshot(string root, string sandbox)
    {
        var lines = new List<string>();
        void Walk(DirectoryInfo dir)
        {
            foreach (var f in dir.EnumerateFileSystemInfos())
            {
                if (f.FullName == sandbox) continue;
                lines.Add($"{f.FullName} {f.GetType().Name} {(f as FileInfo)?.Length} {f.LastWriteTimeUtc.Ticks} {f.LinkTarget}");
                if (f is DirectoryInfo d && f.LinkTarget is null) Walk(d);
            }
        }
        Walk(new DirectoryInfo(root));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
