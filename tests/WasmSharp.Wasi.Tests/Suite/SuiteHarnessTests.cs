namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>The parts of the suite runner that need no compiler: finding the tests, reading their specs,
/// building the configuration and the scratch root.</summary>
/// <remarks>Serialized with the other suite tests: one of them sets the compiler environment variable.</remarks>
[Collection("wasi engine")]
public class SuiteHarnessTests
{
    [Fact]
    public void FindsAll72TestsAndEverySpecParses()
    {
        var ids = WasiSuiteCase.AllIds().ToList();
        Assert.Equal(72, ids.Count);
        Assert.Equal(12, ids.Count(i => i.StartsWith("assemblyscript/")));
        Assert.Equal(14, ids.Count(i => i.StartsWith("c/")));
        Assert.Equal(46, ids.Count(i => i.StartsWith("rust/")));
        var cases = ids.Select(WasiSuiteCase.Load).ToList();
        Assert.All(cases, c => Assert.True(File.Exists(c.WasmPath)));
        Assert.Equal(49, cases.Count(c => c.RootDir is not null));
        Assert.All(cases.Where(c => c.RootDir is not null), c => Assert.True(Directory.Exists(c.RootDir)));
    }

    [Fact]
    public void SpecValuesAreRead()
    {
        var exit = WasiSuiteCase.Load("assemblyscript/proc_exit-failure");
        Assert.Equal(33, exit.ExitCode);
        var stdout = WasiSuiteCase.Load("assemblyscript/fd_write-to-stdout");
        Assert.Equal("hello", stdout.Stdout);
        var env = WasiSuiteCase.Load("assemblyscript/environ_get-multiple-variables");
        Assert.Equal(["a", "b", "c"], env.Env.Select(kv => kv.Key));
        Assert.Equal("new\nline", env.Env[2].Value);
        var args = WasiSuiteCase.Load("assemblyscript/args_get-multiple-arguments");
        Assert.Equal(["first", "the \"second\" arg", "3"], args.Args);
    }

    [Fact]
    public void ConfigPutsTheProgramNameFirstAndPreopensTheRootAsSlash()
    {
        var test = WasiSuiteCase.Load("assemblyscript/args_get-multiple-arguments");
        var config = test.Config("/tmp", Stream.Null, Stream.Null);
        Assert.Equal(["args_get-multiple-arguments.wasm", "first", "the \"second\" arg", "3"], config.Args);
        Assert.Empty(config.Environment);
        Assert.Equal(new WasiPreopen("/tmp", "/"), Assert.Single(config.Preopens));
    }

    [Fact]
    public void ScratchRootIsAWritableCopyWithoutCleanupEntries()
    {
        var test = WasiSuiteCase.Load("c/pwrite-with-access");
        string staleSource = Directory.CreateTempSubdirectory("wasi-src-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(staleSource, "keep"), "k");
            File.WriteAllText(Path.Combine(staleSource, "old.cleanup"), "");
            Directory.CreateDirectory(Path.Combine(staleSource, "dir.cleanup"));
            using (var s = new ScratchRoot(staleSource))
            {
                Assert.True(File.Exists(Path.Combine(s.Path, "keep")));
                Assert.False(File.Exists(Path.Combine(s.Path, "old.cleanup")));
                Assert.False(Directory.Exists(Path.Combine(s.Path, "dir.cleanup")));
            }
            using var root = new ScratchRoot(test.RootDir!);
            Assert.Equal("Hello World!", File.ReadAllText(Path.Combine(root.Path, "file")));
            File.WriteAllText(Path.Combine(root.Path, "writeable", "new"), "x");
            Assert.True(File.Exists(Path.Combine(root.Path, "fopendir.dir", "file-1")));
        }
        finally
        {
            Directory.Delete(staleSource, recursive: true);
        }
    }

    [Fact]
    public void EngineFromTheEnvironmentVariable()
    {
        string? saved = Environment.GetEnvironmentVariable(WasiTestEngine.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(WasiTestEngine.EnvironmentVariable,
                typeof(NoCompiler).Assembly.Location + ":" + typeof(NoCompiler).FullName);
            Assert.Equal("none", WasiTestEngine.Create().Compiler.Name);
            Environment.SetEnvironmentVariable(WasiTestEngine.EnvironmentVariable, "no-colon-here");
            Assert.Contains("<assembly.dll>:<type name>", Assert.Throws<InvalidOperationException>(WasiTestEngine.Create).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WasiTestEngine.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void EngineInjectionExplainsItselfWhenAbsent()
    {
        if (WasiTestEngine.Factory is null && Environment.GetEnvironmentVariable(WasiTestEngine.EnvironmentVariable) is null)
            Assert.Contains(WasiTestEngine.EnvironmentVariable, WasiTestEngine.Unavailable);
        else
            Assert.Null(WasiTestEngine.Unavailable);
    }
}
