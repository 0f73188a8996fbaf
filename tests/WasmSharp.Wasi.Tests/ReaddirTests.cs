using System.Text;

namespace WasmSharp.Wasi.Tests;

public class ReaddirTests
{
    private record Entry(ulong Next, ulong Ino, string Name, Filetype Type);

    private static List<Entry> Parse(WasiHarness h, uint buf, uint used)
    {
        var list = new List<Entry>();
        uint p = buf;
        while (p + 24 <= buf + used)
        {
            uint len = h.U32(p + 16);
            if (p + 24 + len > buf + used) break;
            list.Add(new Entry(h.U64(p), h.U64(p + 8), Encoding.UTF8.GetString(h.Bytes(p + 24, (int)len)), (Filetype)h.U8(p + 20)));
            p += 24 + len;
        }
        return list;
    }

    [Fact]
    public void ListsDotDotDotThenEntriesWithTypes()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(h.Host("d/sub"));
        File.WriteAllText(h.Host("d/file"), "");
        File.CreateSymbolicLink(h.Host("d/link"), "file");
        int fd = h.OpenOk("d", Oflags.Directory);
        Assert.Equal(Errno.Success, h.Ctx.FdReaddir(fd, 20000, 4096, 0, WasiHarness.Result));
        var entries = Parse(h, 20000, h.U32(WasiHarness.Result));
        Assert.Equal([".", "..", "file", "link", "sub"], entries.Select(e => e.Name));
        Assert.Equal([Filetype.Directory, Filetype.Directory, Filetype.RegularFile, Filetype.SymbolicLink, Filetype.Directory], entries.Select(e => e.Type));
        Assert.Equal([1UL, 2, 3, 4, 5], entries.Select(e => e.Next));
        Assert.All(entries, e => Assert.NotEqual(0UL, e.Ino));
    }

    [Fact]
    public void CookieResumesAndAFullBufferMeansMore()
    {
        using var h = new WasiHarness();
        for (int i = 0; i < 20; i++) File.WriteAllText(h.Host($"file-{i:D2}"), "");
        var names = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            Assert.Equal(Errno.Success, h.Ctx.FdReaddir(WasiHarness.Root, 20000, 100, cookie, WasiHarness.Result));
            uint used = h.U32(WasiHarness.Result);
            var batch = Parse(h, 20000, used);
            names.AddRange(batch.Select(e => e.Name));
            if (used < 100) break;
            Assert.NotEmpty(batch);
            cookie = batch[^1].Next;
        }
        Assert.Equal(22, names.Count);
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal(Errno.Success, h.Ctx.FdReaddir(WasiHarness.Root, 20000, 100, 1000, WasiHarness.Result));
        Assert.Equal(0u, h.U32(WasiHarness.Result));
    }

    [Fact]
    public void ReaddirOnAFileIsEnotdir()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "");
        int fd = h.OpenOk("f");
        Assert.Equal(Errno.NotDir, h.Ctx.FdReaddir(fd, 20000, 100, 0, WasiHarness.Result));
        Assert.Equal(Errno.NotDir, h.Ctx.FdReaddir(1, 20000, 100, 0, WasiHarness.Result));
    }
}
