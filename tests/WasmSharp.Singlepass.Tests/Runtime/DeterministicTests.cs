using WasmSharp.Text;
using WasmSharp.Wast;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Deterministic mode (<see cref="EngineConfig.Deterministic"/>) on every compiler of this host
/// (<see cref="Backends"/>): the scripts of tests/deterministic (exact NaN bits, exact exhaustion depths) pass
/// everywhere, nothing changes without the mode, the stack budget survives traps and host re-entry, and a thread too
/// small for the budget is refused. AArch64 runs the same scripts under qemu (tests/deterministic/arm64.sh).
/// </summary>
public class DeterministicTests
{
    private static readonly EngineConfig Deterministic = new() { Deterministic = true };

    private static string Script(string name) => Path.Combine(SharedData.RepositoryRoot, "tests", "deterministic", name);

    /// <summary>Runs <paramref name="body"/> on a thread whose stack holds deterministic mode's native need.</summary>
    internal static T OnBigStack<T>(Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var t = new Thread(() =>
        {
            try { result = body(); }
            catch (Exception e) { failure = e; }
        }, 64 << 20);
        t.Start();
        t.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException($"on the guest thread: {failure}");
        return result;
    }

    private static ScriptReport RunScript(Engine engine, string path) =>
        OnBigStack(() => new ScriptRunner(engine).Run(ScriptLoader.Load(path)));

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void NaNResultsAreCanonical(string backend)
    {
        var report = RunScript(Backends.Engine(backend, Deterministic), Script("nan.wast"));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(56, report.Passed);
    }

    [Theory]
    [InlineData("cil")]
    [InlineData("cil-lazy")]
    public void SimdNaNLanesAreCanonical(string backend)
    {
        var report = RunScript(Backends.Engine(backend, Deterministic), Script("nan-simd.wast"));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(11, report.Passed);
        // v128 locals live across calls: still one value each, and the native stack is not what runs out
        var stack = RunScript(Backends.Engine(backend, Deterministic), Script("stack-simd.wast"));
        Assert.True(stack.Failed == 0 && stack.Skipped == 0, string.Join("\n", stack.Failures));
        Assert.Equal(3, stack.Passed);
    }

    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void RecursionStopsAtTheSameDepth(string backend)
    {
        var report = RunScript(Backends.Engine(backend, Deterministic), Script("stack.wast"));
        Assert.True(report.Failed == 0 && report.Skipped == 0, string.Join("\n", report.Failures));
        Assert.Equal(22, report.Passed);
    }

    /// <summary>Without the mode, only the NaN results differ: the script's canonical-NaN assertions fail (x86 keeps
    /// payloads and makes 0xFFC00000), every other assertion (bitwise operators, non-NaN results) still passes.</summary>
    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void WithoutTheModeNothingChanges(string backend)
    {
        var report = RunScript(Backends.Engine(backend), Script("nan.wast"));
        // the module, 8 non-NaN results and 8 bitwise operators always; NaNs the host happens to make canonical too
        Assert.True(report.Passed >= 17, $"{report.Passed} passed");
        Assert.All(report.Failures, f => Assert.Matches("expected i(32:0x7fc00000|32:0xffc00000|64:0x7ff8000000000000)", f.ToString().ToLowerInvariant()));
        var instance = Instantiate(Backends.Engine(backend), "(module (func (export \"add\") (param i32 i32) (result i32) (i32.reinterpret_f32 (f32.add (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1))))))");
        // x86-64 and AArch64 both propagate an input NaN's payload (quieted): the mode is what removes it
        Assert.Equal(0x7FC00123, instance.GetFunction<int, int, int>("add")(0x7FC00123, 0x3F800000));
        var canonical = Instantiate(Backends.Engine(backend, Deterministic), "(module (func (export \"add\") (param i32 i32) (result i32) (i32.reinterpret_f32 (f32.add (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1))))))");
        Assert.Equal(0x7FC00000, OnBigStack(() => canonical.GetFunction<int, int, int>("add")(0x7FC00123, 0x3F800000)));
    }

    private static Instance Instantiate(Engine engine, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(new Store(engine), Module.FromBytes(engine, Wat.ToBinary(wat)));

    private const string Recursion = """
        (module
          (import "host" "reenter" (func $reenter (result i32)))
          (global $depth (mut i32) (i32.const 0))
          (func (export "depth") (result i32) (global.get $depth))
          (func (export "reset") (global.set $depth (i32.const 0)))
          (func $rec (export "rec") (param i32) (result i32) (local f64 i64)
            (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
            (call $rec (i32.add (local.get 0) (i32.const 1))))
          (func (export "outer") (result i32) (call $reenter)))
        """;

    /// <summary>A host function called from Wasm re-enters and recurses until the budget left to it runs out; its
    /// trap puts back what the nested call found, and the outer call then returns it whole.</summary>
    [Theory]
    [MemberData(nameof(Backends.Names), MemberType = typeof(Backends))]
    public void TrapsAndHostReentryRestoreTheBudget(string backend)
    {
        var engine = Backends.Engine(backend, Deterministic with { MaxStackHeight = 7000 });
        Instance instance = null!;
        int nestedDepth = -1;
        var linker = new Linker().DefineFunction("host", "reenter", () =>
        {
            instance.GetFunction("reset")!.Invoke();
            var trap = Assert.Throws<TrapException>(() => instance.GetFunction("rec")!.Invoke(Value.I32(0)));
            Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
            nestedDepth = instance.GetFunction<int>("depth")();
            return 1;
        });
        instance = Instantiate(engine, Recursion, linker);
        OnBigStack(() =>
        {
            // "outer" costs 2 + 0 + 1 = 3: the nested recursion has 6997 left, 6997 / 7 = 999 calls
            Assert.Equal(1, instance.GetFunction<int>("outer")());
            Assert.Equal(999, nestedDepth);
            instance.GetFunction("reset")!.Invoke();
            Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => instance.GetFunction("rec")!.Invoke(Value.I32(0))).Kind);
            Assert.Equal(1000, instance.GetFunction<int>("depth")());
            Assert.Equal(1, instance.GetFunction<int>("outer")());
            Assert.Equal(999, nestedDepth);
            return 0;
        });
    }

    /// <summary>The native stack check is only a backstop: a thread whose stack cannot hold what the budget may need
    /// is refused with a message saying so, instead of trapping at a depth that depends on the compiler.</summary>
    [Fact]
    public void AThreadTooSmallForTheBudgetIsRefused()
    {
        var engine = Backends.Engine("singlepass", Deterministic with { MaxStackHeight = 1 << 20 });
        var instance = Instantiate(engine, "(module (func (export \"f\") (result i32) (i32.const 7)))");
        var e = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int>("f")());
        Assert.Contains("deterministic mode needs", e.Message);
        Assert.Contains("MaxStackHeight", e.Message);
        // the refusal leaves the store usable
        var small = instance.Store.Engine.Config with { MaxStackHeight = 1000 };
        Assert.Equal(7, Instantiate(new Engine(engine.Compiler, small), "(module (func (export \"f\") (result i32) (i32.const 7)))").GetFunction<int>("f")());
    }

    [Fact]
    public void TheModeKeysTheCode()
    {
        var off = new EngineConfig();
        Assert.NotEqual(off.CodeSettingsKey(), Deterministic.CodeSettingsKey());
        Assert.NotEqual(Deterministic.CodeSettingsKey(), (Deterministic with { MaxStackHeight = 1000 }).CodeSettingsKey());
        var compiler = new SinglepassCompiler();
        Assert.NotEqual(compiler.Describe(new Engine(compiler, off)).Settings, compiler.Describe(new Engine(compiler, Deterministic)).Settings);
        // the native budget grows to what the Wasm budget may need
        Assert.True(Deterministic.EffectiveWasmStackBytes() >= Deterministic.MaxStackHeight * Compilers.StackHeightCost.NativeBytesPerUnit);
        Assert.Equal(off.MaxWasmStackBytes, off.EffectiveWasmStackBytes());
    }

    [Fact]
    public void TheBudgetSlotIsWhereCodeLooksForIt() =>
        Assert.Equal(WasmSharp.Runtime.VMOffsets.RuntimeStackHeightLeft,
            (int)System.Runtime.InteropServices.Marshal.OffsetOf<WasmSharp.Runtime.RuntimeState>(nameof(WasmSharp.Runtime.RuntimeState.StackHeightLeft)));
}
