using System.Text;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Validation;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Parallel compilation lays out the same code as one thread, byte for byte (offsets and site maps too), on
/// every target; reports the same error (the first failing function's); reports progress in order; and can be
/// turned off.</summary>
public class ParallelCompilationTests
{
    private static readonly EngineConfig[] Targets =
    [
        new() { Target = TargetIsa.X64, TargetOs = TargetOs.Linux, X64Cpu = X64CpuLevel.Avx },
        new() { Target = TargetIsa.X64, TargetOs = TargetOs.Linux, X64Cpu = X64CpuLevel.Sse42, SignalBasedBoundsChecks = false },
        new() { Target = TargetIsa.X64, TargetOs = TargetOs.Windows, X64Cpu = X64CpuLevel.Avx },
        new() { Target = TargetIsa.Arm64, TargetOs = TargetOs.Linux },
        new() { Target = TargetIsa.Arm64, TargetOs = TargetOs.Linux, ConsumeFuel = true, Deterministic = true },
    ];

    /// <summary>A module of <paramref name="count"/> functions of varied size that call each other (direct calls
    /// across chunks), branch (loops, br_table), touch memory (trap sites) and use v128 constants (x86's
    /// per-function constant pool, which is 16-byte aligned).</summary>
    internal static byte[] Generated(int count)
    {
        var wat = new StringBuilder("(module (memory 1) (table 4 funcref)\n");
        for (int i = 0; i < count; i++)
        {
            wat.Append($"(func $f{i} (export \"f{i}\") (param i32) (result i32) (local i32 v128)\n");
            wat.Append("  (block $out (loop $top (br_if $out (i32.eqz (local.get 0)))\n");
            for (int k = 0; k < 1 + i % 17; k++)
                wat.Append($"    (local.set 1 (i32.add (local.get 1) (i32.load offset={k * 4} (local.get 0))))\n");
            wat.Append("    (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $top)))\n");
            wat.Append($"  (local.set 2 (i32x4.add (v128.const i32x4 {i} 2 3 4) (i32x4.splat (local.get 1))))\n");
            wat.Append("  (block $a (block $b (block $c (br_table $a $b $c (local.get 0)))\n");
            wat.Append($"    (local.set 1 (call $f{(i * 7 + 3) % count} (local.get 1))))\n");
            wat.Append($"    (local.set 1 (call_indirect (param i32) (result i32) (local.get 1) (i32.const {i % 4}))))\n");
            wat.Append("  (i32.add (local.get 1) (i32x4.extract_lane 1 (local.get 2))))\n");
        }
        return Text.Wat.ToBinary(wat.Append(')').ToString());
    }

    private static string SharedPath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WasmSharp.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root (WasmSharp.slnx) not found above " + AppContext.BaseDirectory);
        return Path.Combine([dir.FullName, "..", "shared", .. parts]);
    }

    /// <summary>Compiles straight through the driver with a given plan: the tests split small modules into many
    /// chunks, which the default plan would compile on one thread.</summary>
    private static ModuleLayout Layout(byte[] wasm, EngineConfig config, int threads, long chunkBytes, ICompileProgress? progress = null)
    {
        var module = ModuleDecoder.Decode(wasm);
        var ctx = ModuleValidator.ValidateDeclarations(module);
        var plan = ChunkPlan.For(module, threads, chunkBytes);
        return new ParallelModuleCompiler(module, ctx, Target.For(config), config.SignalBasedBoundsChecks, config, plan, progress).Compile();
    }

    private static void AssertSameLayout(ModuleLayout serial, ModuleLayout parallel)
    {
        Assert.Equal(serial.Offsets, parallel.Offsets);
        Assert.True(serial.Code.SequenceEqual(parallel.Code), "code bytes differ");
        Assert.True(serial.Sites.Starts.SequenceEqual(parallel.Sites.Starts), "site map starts differ");
        Assert.True(serial.Sites.Bytes.SequenceEqual(parallel.Sites.Bytes), "site map bytes differ");
    }

    private static void AssertSameOnEveryTarget(byte[] wasm, long chunkBytes)
    {
        foreach (var config in Targets)
        {
            var serial = Layout(wasm, config, 1, long.MaxValue);
            foreach (int threads in (int[])[2, 4])
                AssertSameLayout(serial, Layout(wasm, config, threads, chunkBytes));
        }
    }

    [Fact]
    public void SplittingAModuleSplitsItIntoManyChunks()
    {
        var module = ModuleDecoder.Decode(Generated(200));
        var plan = ChunkPlan.For(module, 4, 1);
        Assert.Equal(200, plan.Count);
        Assert.Equal(4, plan.Workers);
        Assert.Equal(1, ChunkPlan.For(module, 1, 1).Count);
        Assert.Equal(1, ChunkPlan.For(module, 4).Count); // below MinParallelBytes: one thread
    }

    [Fact]
    public void AGeneratedModuleCompilesToTheSameCodeInChunks()
    {
        var wasm = Generated(300);
        AssertSameOnEveryTarget(wasm, 1);      // one function per chunk
        AssertSameOnEveryTarget(wasm, 2000);   // a few functions per chunk
    }

    /// <summary>AArch64: a function past b.cond's ±1 MiB (veneer islands) between small ones that call across it:
    /// the chunks hold the same islands and the calls reach the same way.</summary>
    [Fact]
    public void AArch64VeneerIslandsAndLongCallsLayOutTheSameInChunks()
    {
        string big = string.Concat(Enumerable.Repeat("(local.set 1 (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))", 60_000));
        var wat = new StringBuilder("(module (memory 1)\n");
        for (int i = 0; i < 6; i++)
        {
            string body = i == 3 ? big : $"(local.set 1 (call {(i + 2) % 6} (local.get 0)))";
            wat.Append($"(func (param i32) (result i32) (local i32) {body} (local.get 1))\n");
        }
        var wasm = Text.Wat.ToBinary(wat.Append(')').ToString());
        var config = new EngineConfig { Target = TargetIsa.Arm64, TargetOs = TargetOs.Linux, SignalBasedBoundsChecks = false };
        var serial = Layout(wasm, config, 1, long.MaxValue);
        Assert.True(serial.Code.Length > 3 << 20 >> 1, $"{serial.Code.Length} bytes: not beyond b.cond's reach");
        AssertSameLayout(serial, Layout(wasm, config, 4, 1));
    }

    [Theory]
    [InlineData("fib.wasm")]
    [InlineData("sha256.wasm")]
    [InlineData("interp.wasm")]
    public void ABenchProgramCompilesToTheSameCodeInChunks(string name) =>
        AssertSameOnEveryTarget(File.ReadAllBytes(SharedPath("bench", name)), 256);

    [Fact]
    public void SimdBenchProgramsCompileToTheSameCodeInChunks()
    {
        var dir = SharedPath("bench-simd");
        foreach (var file in Directory.EnumerateFiles(dir, "*.wasm").Order(StringComparer.Ordinal).Take(3))
            AssertSameOnEveryTarget(File.ReadAllBytes(file), 256);
    }

    /// <summary>Every spec module: the same code, or the same error, whether compiled by one thread or by four in
    /// one-function chunks (an invalid module's error must be the first failing function's).</summary>
    [Fact]
    public void EverySpecModuleCompilesOrFailsTheSameInChunks()
    {
        var config = Targets[0];
        int compared = 0, failed = 0;
        foreach (var file in Directory.EnumerateFiles(SharedPath("spec", "json"), "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var wasm = File.ReadAllBytes(file);
            try
            {
                var module = ModuleDecoder.Decode(wasm);
                if (module.Bodies.Count < 2) continue;
                ModuleValidator.ValidateDeclarations(module);
            }
            catch (WasmException) { continue; }
            ModuleLayout? serial = null;
            Exception? serialError = null;
            try { serial = Layout(wasm, config, 1, long.MaxValue); }
            catch (WasmException e) { serialError = e; }
            if (serial is not null)
            {
                AssertSameLayout(serial, Layout(wasm, config, 4, 1));
                compared++;
                continue;
            }
            var parallelError = Assert.ThrowsAny<WasmException>(() => Layout(wasm, config, 4, 1));
            Assert.Equal(serialError!.GetType(), parallelError.GetType());
            Assert.Equal(serialError.Message, parallelError.Message);
            failed++;
        }
        Assert.True(compared > 300, $"only {compared} spec modules compiled");
        Assert.True(failed > 10, $"only {failed} spec modules failed in a function");
    }

    /// <summary>Two bad functions far apart: four threads report the first one's error, whichever thread finds
    /// which first, as one thread does.</summary>
    [Fact]
    public void TheFirstFailingFunctionsErrorWins()
    {
        var wat = new StringBuilder("(module\n");
        for (int i = 0; i < 400; i++)
        {
            string body = i switch
            {
                150 => "(i32.add (local.get 0) (f32.const 1))",
                350 => "(i64.add (local.get 0) (i32.const 1))",
                _ => string.Concat(Enumerable.Repeat("(drop (i32.mul (local.get 0) (i32.const 3)))", 1 + i % 9)) + "(local.get 0)",
            };
            wat.Append($"(func (param i32) (result i32) {body})\n");
        }
        var wasm = Text.Wat.ToBinary(wat.Append(')').ToString());
        var serial = Assert.ThrowsAny<WasmException>(() => Layout(wasm, Targets[0], 1, long.MaxValue));
        for (int run = 0; run < 20; run++)
        {
            var parallel = Assert.ThrowsAny<WasmException>(() => Layout(wasm, Targets[0], 4, 1 + run * 50));
            Assert.Equal(serial.Message, parallel.Message);
        }
    }

    private sealed class ProgressLog : ICompileProgress
    {
        private int _inside;
        public readonly List<(int Done, int Total)> Reports = new();
        public bool Overlapped { get; private set; }

        public void Report(int done, int total)
        {
            if (Interlocked.Exchange(ref _inside, 1) != 0) Overlapped = true;
            Reports.Add((done, total));
            Thread.Sleep(0);
            Volatile.Write(ref _inside, 0);
        }
    }

    [Fact]
    public void ProgressComesInOrderOneReportAtATimeAndEndsAtTheTotal()
    {
        var wasm = Generated(600);
        var log = new ProgressLog();
        Layout(wasm, Targets[0], 4, 1, log);
        Assert.False(log.Overlapped);
        Assert.Equal((0, 600), log.Reports[0]);
        Assert.Equal((600, 600), log.Reports[^1]);
        Assert.All(log.Reports, r => Assert.Equal(600, r.Total));
        for (int i = 1; i < log.Reports.Count; i++) Assert.True(log.Reports[i].Done > log.Reports[i - 1].Done);
        Assert.True(log.Reports.Count >= 3, "no report between the start and the end");
    }

    /// <summary>Through the public API: a module past <see cref="ChunkPlan.MinParallelBytes"/> compiles on several
    /// threads by default, to the same code as with <see cref="EngineConfig.ParallelCompilation"/> off, and runs.</summary>
    [X64Fact]
    public void TheSettingChangesTheThreadsNotTheCode()
    {
        var wasm = Generated(2500);
        var module = ModuleDecoder.Decode(wasm);
        Assert.True(module.CodeSectionSize >= ChunkPlan.MinParallelBytes, $"module too small: {module.CodeSectionSize}");
        Assert.True(new EngineConfig().ParallelCompilation);
        var on = Module.FromBytes(new Engine(new SinglepassCompiler(), new EngineConfig()), wasm);
        var offEngine = new Engine(new SinglepassCompiler(), new EngineConfig { ParallelCompilation = false });
        var threads = new HashSet<int>();
        offEngine.CompileProgress = new ThreadLog(threads);
        var off = Module.FromBytes(offEngine, wasm);
        Assert.Equal([Environment.CurrentManagedThreadId], threads);
        var a = (SinglepassCode)on.Code;
        var b = (SinglepassCode)off.Code;
        Assert.True(a.Bytes.SequenceEqual(b.Bytes), "code bytes differ");
        Assert.True(a.Offsets.SequenceEqual(b.Offsets), "function offsets differ");
        Assert.True(a.Sites.Bytes.SequenceEqual(b.Sites.Bytes), "site maps differ");
        var instance = new Linker().Instantiate(new Store(on.Engine), on);
        // 0 leaves the loop at once and br_table jumps past both calls: 0 + lane 1 of (7 2 3 4)
        Assert.Equal(2, instance.GetFunction<int, int>("f7")(0));
    }

    /// <summary>The code is the same either way, so cached artifacts serve both settings.</summary>
    [Fact]
    public void TheSettingIsNotPartOfTheCodeKey() =>
        Assert.Equal(new EngineConfig().CodeSettingsKey(), new EngineConfig { ParallelCompilation = false }.CodeSettingsKey());

    private sealed class ThreadLog(HashSet<int> threads) : ICompileProgress
    {
        public void Report(int done, int total)
        {
            lock (threads) threads.Add(Environment.CurrentManagedThreadId);
        }
    }

    [Fact]
    public void WithMoreThanOneProcessorTheDefaultPlanSplitsALargeModule()
    {
        var module = ModuleDecoder.Decode(Generated(2500));
        var plan = ChunkPlan.For(module, 2);
        Assert.Equal(2, plan.Workers);
        Assert.True(plan.Count >= 8, $"{plan.Count} chunks");
        Assert.Equal(0, plan.Starts[0]);
        Assert.Equal(2500, plan.Starts[^1]);
    }
}
