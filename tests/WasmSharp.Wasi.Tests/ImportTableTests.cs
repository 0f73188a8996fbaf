using WasmSharp.Binary;
using WasmSharp.Wasi.Tests.Suite;

namespace WasmSharp.Wasi.Tests;

/// <summary>The import table checked without running Wasm: its types against what real WASI modules import, and
/// its callbacks called with <see cref="Value"/> arguments the way a compiled module would.</summary>
public class ImportTableTests
{
    [Fact]
    public void EveryImportOfTheTestSuiteMatchesOurType()
    {
        using var ctx = new WasiContext(new WasiConfig());
        var ours = ctx.Functions().ToDictionary(f => (f.Module, f.Name), f => f.Type);
        int checkedImports = 0;
        var seen = new HashSet<string>();
        foreach (var id in WasiSuiteCase.AllIds())
        {
            var info = ModuleDecoder.Decode(File.ReadAllBytes(WasiSuiteCase.Load(id).WasmPath));
            foreach (var import in info.Imports.Where(i => i.Kind == ExternKind.Func))
            {
                Assert.True(ours.TryGetValue((import.Module, import.Name), out var type), $"{id}: {import.Module}.{import.Name} is not provided");
                Assert.Equal(info.Types[(int)import.FuncTypeIndex], type);
                seen.Add(import.Name);
                checkedImports++;
            }
        }
        Assert.Equal(40, seen.Count); // the suite's README: 40 distinct preview1 functions are used
        Assert.True(checkedImports > 500);
    }

    [Fact]
    public void HelloWorldExampleImportsMatch()
    {
        string path = Path.Combine(WasmSharp.Wast.SharedData.RepositoryRoot, "examples", "hello.wasm");
        var info = ModuleDecoder.Decode(File.ReadAllBytes(path));
        using var ctx = new WasiContext(new WasiConfig());
        var ours = ctx.Functions().ToDictionary(f => (f.Module, f.Name), f => f.Type);
        foreach (var import in info.Imports.Where(i => i.Kind == ExternKind.Func))
            Assert.Equal(info.Types[(int)import.FuncTypeIndex], ours[(import.Module, import.Name)]);
    }

    [Fact]
    public void CallbacksDecodeArgumentsAndReturnTheErrno()
    {
        using var h = new WasiHarness();
        var fns = h.Ctx.Functions().Where(f => f.Module == WasiContext.Preview1Module).ToDictionary(f => f.Name);
        var results = new Value[1];

        // fd_write(fd=1, iovs=64, iovs_len=1, nwritten=0)
        h.SetBytes(9000, "hi"u8);
        h.SetU32(64, 9000); h.SetU32(68, 2);
        fns["fd_write"].Callback([1, 64, 1, 0], results);
        Assert.Equal(Value.I32(0), results[0]);
        Assert.Equal("hi"u8.ToArray(), h.Stdout.ToArray());

        // fd_seek(fd, offset: i64, whence, newoffset) with a bad fd: the errno comes back as an i32
        fns["fd_seek"].Callback([99, 5L, 0, 0], results);
        Assert.Equal(Value.I32((int)Errno.Badf), results[0]);

        // clock_time_get(id, precision: i64, ptr)
        fns["clock_time_get"].Callback([1, 1000L, 200], results);
        Assert.Equal(Value.I32(0), results[0]);
        Assert.NotEqual(0UL, h.U64(200));

        // proc_exit has no result and unwinds with the code
        var e = Assert.Throws<WasiExitException>(() => fns["proc_exit"].Callback([7], Span<Value>.Empty));
        Assert.Equal(7, e.ExitCode);
    }

    [Fact]
    public void UnstableSeekUsesItsOwnWhenceNumbers()
    {
        using var h = new WasiHarness();
        File.WriteAllText(h.Host("f"), "0123456789");
        int fd = h.OpenOk("f");
        var seek = h.Ctx.Functions().Single(f => f.Module == WasiContext.UnstableModule && f.Name == "fd_seek").Callback;
        var results = new Value[1];
        seek([fd, -3L, 1 /* wasi_unstable END */, 100], results);
        Assert.Equal(Value.I32(0), results[0]);
        Assert.Equal(7UL, h.U64(100));
        seek([fd, 2L, 2 /* wasi_unstable SET */, 100], results);
        Assert.Equal(2UL, h.U64(100));
        seek([fd, 1L, 0 /* wasi_unstable CUR */, 100], results);
        Assert.Equal(3UL, h.U64(100));
    }
}
